//! The benchmark's way in over SSH, as operators on laptops come in: each
//! terminal signs in with the benchmark operator's key through russh's
//! client, asks for a pty and the shell (its board), and shows what arrives;
//! the command line stays on the local socket, as it does at a desk.

use std::io::Write;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Duration;

use russh::ChannelMsg;
use russh::keys::{Algorithm, PrivateKey};

use super::transport::{Setting, Socket, Terminal, Transport};
use crate::desk::Desk;
use crate::remote::TerminalInfo;
use crate::remote::attach::{Detached, Local};

/// How long connecting and signing in may take.
const SIGN_IN: Duration = Duration::from_secs(30);

/// The operator's key, made for the run, and its public key line.
pub fn operator_key() -> Result<(PrivateKey, String), String> {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| e.to_string())?;
    let line = key.public_key().to_openssh().map_err(|e| e.to_string())?;
    Ok((key, line))
}

/// The desk's SSH side at `address`, signed in to with `key`.
pub struct Ssh {
    socket: Socket,
    address: SocketAddr,
    key: Arc<PrivateKey>,
    runtime: tokio::runtime::Runtime,
}

impl Ssh {
    pub fn new(setting: Setting, address: SocketAddr, key: PrivateKey) -> Result<Ssh, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("bench-ssh")
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Ssh {
            socket: Socket::new(setting),
            address,
            key: Arc::new(key),
            runtime,
        })
    }
}

impl Transport for Ssh {
    fn name(&self) -> String {
        "SSH".into()
    }

    fn attach(&self, terminal: TerminalInfo, mut screen: Box<dyn Write + Send>) -> Result<Terminal, String> {
        let (address, key) = (self.address, self.key.clone());
        let opened = self.runtime.block_on(async move {
            let signing_in = crate::ssh::client::open_board(address, key, &terminal, true);
            tokio::time::timeout(SIGN_IN, signing_in)
                .await
                .map_err(|_| format!("no board over SSH within {} s", SIGN_IN.as_secs()))?
        })?;
        // The benchmark types from its own threads; the channel is the runtime's.
        let (keys, typed_here) = channel::<Local>();
        let (passing, mut typed) = tokio::sync::mpsc::unbounded_channel();
        std::thread::Builder::new()
            .name("bench-ssh-keys".into())
            .spawn(move || {
                for local in typed_here {
                    if passing.send(local).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| e.to_string())?;
        let (end, ended) = channel();
        self.runtime.spawn(async move {
            let (_handle, mut channel) = opened;
            let mut code = None;
            let detached = loop {
                tokio::select! {
                    message = channel.wait() => match message {
                        Some(ChannelMsg::Data { data }) => {
                            if screen.write_all(&data).and_then(|()| screen.flush()).is_err() {
                                break Detached::Lost;
                            }
                        }
                        Some(ChannelMsg::ExitStatus { exit_status }) => code = Some(exit_status),
                        Some(ChannelMsg::Close) | None => break match code {
                            Some(code) => Detached::Exit {
                                code: u8::try_from(code).unwrap_or(u8::MAX),
                                message: String::new(),
                            },
                            None => Detached::Lost,
                        },
                        Some(_) => {}
                    },
                    local = typed.recv() => match local {
                        Some(Local::Bytes(bytes)) => {
                            if channel.data(&bytes[..]).await.is_err() {
                                break Detached::Lost;
                            }
                        }
                        Some(Local::Resize { cols, rows }) => {
                            let _ = channel.window_change(u32::from(cols), u32::from(rows), 0, 0).await;
                        }
                        Some(Local::Signal(signal)) => break Detached::Signal(signal),
                        None => break Detached::Lost,
                    }
                }
            };
            let _ = end.send(detached);
        });
        Ok(Terminal::new(keys, ended))
    }

    fn requests(&self) -> Result<Box<dyn Desk>, String> {
        self.socket.requests()
    }

    fn command(&self, args: &[&str]) -> Command {
        self.socket.command(args)
    }
}
