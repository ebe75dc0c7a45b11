//! The client's side of a board over SSH, for the benchmark and the tests,
//! which talk to a desk they started themselves: sign in with a key, ask for
//! a pty (and `LANG`), open the shell. A person uses OpenSSH's `ssh`.

use std::net::SocketAddr;
use std::sync::Arc;

use russh::client::{self, Handle, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};

use crate::remote::TerminalInfo;

/// A desk this process started itself, whose host key it therefore trusts
/// unseen. Never for a desk elsewhere: there the fingerprint is checked.
pub struct OwnDesk;

impl client::Handler for OwnDesk {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// Connects to the desk at `address`.
pub async fn connect(address: SocketAddr) -> Result<Handle<OwnDesk>, String> {
    client::connect(Arc::new(client::Config::default()), address, OwnDesk)
        .await
        .map_err(|e| format!("connecting to {address}: {e}"))
}

/// Signs in at `address` with `key` and opens a board for `terminal`
/// (without a pty when `pty` is false, to see it refused).
pub async fn open_board(
    address: SocketAddr,
    key: Arc<PrivateKey>,
    terminal: &TerminalInfo,
    pty: bool,
) -> Result<(Handle<OwnDesk>, russh::Channel<Msg>), String> {
    let mut handle = connect(address).await?;
    let signed_in = handle
        .authenticate_publickey("operator", PrivateKeyWithHashAlg::new(key, None))
        .await
        .map_err(|e| e.to_string())?;
    if !signed_in.success() {
        return Err("the desk refused the key".to_string());
    }
    let channel = handle.channel_open_session().await.map_err(|e| e.to_string())?;
    if pty {
        let (cols, rows) = (u32::from(terminal.cols), u32::from(terminal.rows));
        channel
            .request_pty(true, &terminal.term, cols, rows, 0, 0, &[])
            .await
            .map_err(|e| e.to_string())?;
    }
    if let Some(lang) = &terminal.lang {
        channel
            .set_env(true, "LANG", lang.as_str())
            .await
            .map_err(|e| e.to_string())?;
    }
    channel.request_shell(true).await.map_err(|e| e.to_string())?;
    Ok((handle, channel))
}
