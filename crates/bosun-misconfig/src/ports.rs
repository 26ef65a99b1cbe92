//! Well-known container ports that rules for several input kinds look for.

/// Container ports of remote administration services, with the service named
/// as findings say it.
pub const ADMIN_PORTS: &[(u16, &str)] = &[
    (22, "SSH"),
    (23, "Telnet"),
    (2375, "the unencrypted Docker API"),
    (2376, "the Docker API"),
    (3389, "RDP"),
    (5900, "VNC"),
    (5901, "VNC"),
    (5985, "WinRM"),
    (5986, "WinRM"),
];
