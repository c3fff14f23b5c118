//! Who is on the other end of a request: the client's address (what the login throttle
//! counts) and whether the request reached the edge over TLS (what decides Secure cookies).
//! Both come from the TCP peer, except when the peer is one of the configured
//! `trusted_proxies` (addresses or CIDR ranges; none by default). Only then are
//! `X-Forwarded-For` and `X-Forwarded-Proto` believed: X-Forwarded-For is walked from the
//! right, skipping trusted proxies, and the first address that is not one is the client. A
//! header sent by anyone else is ignored, so a client cannot pick its own address to dodge
//! the throttle, nor claim HTTPS. An entry that is not an address ends the walk at the last
//! trusted hop (the proxy that forwarded the nonsense stands for the client).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The configured proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses addresses (`10.0.0.5`, `::1`) and ranges (`10.0.0.0/8`, `fd00::/8`); the error
    /// names the entry that is neither.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| {
                let text = entry.as_ref().trim();
                text.parse::<IpNet>()
                    .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{text}` is neither an address nor a CIDR range"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }
}

/// The client as far as the trusted proxies let us see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub address: IpAddr,
    /// A trusted proxy said the client spoke HTTPS to it.
    pub forwarded_https: bool,
}

impl Client {
    /// Resolves the client of a request whose TCP peer is `peer` (absent only when the
    /// router is served without connection info, e.g. in unit tests).
    pub fn resolve(
        peer: Option<SocketAddr>,
        headers: &HeaderMap,
        trusted: &TrustedProxies,
    ) -> Self {
        let peer = peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |p| p.ip().to_canonical());
        if !trusted.contains(peer) {
            return Self {
                address: peer,
                forwarded_https: false,
            };
        }
        Self {
            address: walk_forwarded_for(peer, headers, trusted),
            forwarded_https: last_value(headers, "x-forwarded-proto")
                .is_some_and(|v| v.eq_ignore_ascii_case("https")),
        }
    }
}

/// The rightmost address of X-Forwarded-For that is not a trusted proxy, starting from a
/// trusted `peer`.
fn walk_forwarded_for(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let entries = list_values(headers, "x-forwarded-for");
    let mut client = peer;
    for entry in entries.iter().rev() {
        let Some(address) = parse_hop(entry) else {
            return client;
        };
        client = address;
        if !trusted.contains(address) {
            return client;
        }
    }
    client
}

/// One hop as proxies write it: an address, possibly with a port or IPv6 brackets.
fn parse_hop(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim().trim_matches('"');
    let address = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            let inner = entry.strip_prefix('[')?.strip_suffix(']')?;
            inner.parse::<IpAddr>().ok()
        })?;
    Some(address.to_canonical())
}

/// Every comma-separated value of every copy of a header, in order.
fn list_values(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The value the nearest proxy added last.
fn last_value(headers: &HeaderMap, name: &str) -> Option<String> {
    list_values(headers, name).pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn peer(text: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(text.parse().unwrap(), 40_000))
    }

    fn proxies() -> TrustedProxies {
        TrustedProxies::parse(&["10.0.0.0/8", "192.168.1.1", "fd00::/8"]).unwrap()
    }

    fn address_of(from: &str, pairs: &[(&'static str, &str)]) -> String {
        Client::resolve(peer(from), &headers(pairs), &proxies())
            .address
            .to_string()
    }

    #[test]
    fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
        let forged = [
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-proto", "https"),
        ];
        let client = Client::resolve(peer("203.0.113.9"), &headers(&forged), &proxies());
        assert_eq!(client.address.to_string(), "203.0.113.9");
        assert!(!client.forwarded_https);
        let nobody = TrustedProxies::default();
        let client = Client::resolve(peer("10.0.0.2"), &headers(&forged), &nobody);
        assert_eq!(
            client.address.to_string(),
            "10.0.0.2",
            "no proxy is trusted by default"
        );
    }

    #[test]
    fn the_walk_goes_from_the_right_past_trusted_proxies_only() {
        let chain = [("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.1.2.3")];
        assert_eq!(address_of("192.168.1.1", &chain), "198.51.100.7");
        let two_headers = [
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "198.51.100.7"),
        ];
        assert_eq!(address_of("10.9.9.9", &two_headers), "198.51.100.7");
        assert_eq!(address_of("10.9.9.9", &[]), "10.9.9.9");
    }

    #[test]
    fn hops_with_ports_brackets_and_mapped_addresses_are_understood() {
        let forms = [("x-forwarded-for", "[2001:db8::1]:443")];
        assert_eq!(address_of("10.0.0.1", &forms), "2001:db8::1");
        let mapped = [("x-forwarded-for", "::ffff:198.51.100.7")];
        assert_eq!(address_of("::ffff:10.0.0.1", &mapped), "198.51.100.7");
        let port = [("x-forwarded-for", "198.51.100.7:5555")];
        assert_eq!(address_of("fd00::1", &port), "198.51.100.7");
    }

    #[test]
    fn nonsense_in_the_header_stops_at_the_last_trusted_hop() {
        let junk = [("x-forwarded-for", "not-an-address, 10.4.4.4")];
        assert_eq!(address_of("10.0.0.1", &junk), "10.4.4.4");
    }

    #[test]
    fn a_trusted_proxy_is_believed_about_https() {
        let proto = [("x-forwarded-proto", "https")];
        assert!(Client::resolve(peer("10.0.0.1"), &headers(&proto), &proxies()).forwarded_https);
    }

    #[test]
    fn a_bad_proxy_entry_is_named() {
        let error = TrustedProxies::parse(&["10.0.0.0/8", "proxy.local"]).unwrap_err();
        assert!(error.contains("proxy.local"), "{error}");
    }
}
