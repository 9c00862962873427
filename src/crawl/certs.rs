//! What certificate a server showed when the TLS handshake failed: issuer, subject and validity,
//! so the report can say *why* a site was not trusted ("self-signed", "expired on …") rather
//! than only "TLS error".
//!
//! reqwest does not expose the rejected certificate, so after a TLS failure we open one more
//! connection and run a handshake whose verifier captures the server's certificate and then
//! aborts: nothing is sent over it and nothing is trusted. Done only after a failure, so a
//! healthy site costs nothing extra.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// The leaf certificate a server presented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// Issuer distinguished name (`CN=…, O=…`).
    pub issuer: String,
    /// Subject distinguished name.
    pub subject: String,
    /// Start of validity.
    pub not_before: DateTime<Utc>,
    /// End of validity (expiry).
    pub not_after: DateTime<Utc>,
}

impl CertInfo {
    /// Issuer equals subject: nobody vouches for this certificate but itself.
    pub fn self_signed(&self) -> bool {
        self.issuer == self.subject
    }

    /// One line for the fetch error detail, e.g. `certificate self-signed, issuer "CN=x",
    /// valid 2025-01-01 to 2025-12-31 (expired)`.
    pub fn describe(&self, now: DateTime<Utc>) -> String {
        let mut s = format!(
            "certificate issuer \"{}\", subject \"{}\", valid {} to {}",
            self.issuer,
            self.subject,
            self.not_before.format("%Y-%m-%d"),
            self.not_after.format("%Y-%m-%d")
        );
        if self.not_after < now {
            s.push_str(" (expired)");
        } else if self.not_before > now {
            s.push_str(" (not yet valid)");
        }
        if self.self_signed() {
            s.push_str(" (self-signed)");
        }
        s
    }
}

/// A verifier that keeps the leaf certificate and refuses it, ending the handshake.
#[derive(Debug)]
struct Capture {
    leaf: Mutex<Option<Vec<u8>>>,
    schemes: Vec<SignatureScheme>,
}

impl ServerCertVerifier for Capture {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.leaf.lock().unwrap_or_else(|e| e.into_inner()) = Some(end_entity.to_vec());
        Err(rustls::Error::General(
            "certificate captured, not trusted".into(),
        ))
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not trusted".into()))
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not trusted".into()))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

/// Connect to the URL's host and read the certificate it presents (`None` when there is no
/// answer, no TLS, or the certificate cannot be parsed). Bounded by `timeout`.
pub(crate) async fn peek(url: &url::Url, timeout: Duration) -> Option<CertInfo> {
    tokio::time::timeout(timeout, peek_inner(url))
        .await
        .ok()
        .flatten()
}

async fn peek_inner(url: &url::Url) -> Option<CertInfo> {
    let host = url.host_str()?;
    let port = url.port_or_known_default()?;
    let name_text = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let server_name = ServerName::try_from(name_text).ok()?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let capture = Arc::new(Capture {
        leaf: Mutex::new(None),
        schemes: provider
            .signature_verification_algorithms
            .supported_schemes(),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .dangerous()
        .with_custom_certificate_verifier(capture.clone())
        .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect((host.trim_matches(['[', ']']), port))
        .await
        .ok()?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    // The handshake fails by design once the certificate is captured.
    let _ = connector.connect(server_name, tcp).await;
    let der = capture
        .leaf
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()?;
    parse(&der)
}

/// Issuer, subject and validity of a DER certificate.
fn parse(der: &[u8]) -> Option<CertInfo> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let time = |t: x509_parser::time::ASN1Time| DateTime::from_timestamp(t.timestamp(), 0);
    let validity = cert.validity();
    Some(CertInfo {
        issuer: cert.issuer().to_string(),
        subject: cert.subject().to_string(),
        not_before: time(validity.not_before)?,
        not_after: time(validity.not_after)?,
    })
}
