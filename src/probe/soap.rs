//! Step 6: `GetConfig` on the client web service, the first call of every scan (MS-WUSP §3.1.5,
//! formats.md §9.3). SOAP 1.1, protocolVersion 1.8, no `Accept-Encoding: xpress` so the answer
//! is plain XML.

use super::http::{self, Response};
use super::net::{NetError, Route};
use crate::probe::model::{SoapFault, SoapStep, StepOutcome, StepStatus};
use std::time::{Duration, Instant};

pub const PATH: &str = "/ClientWebService/client.asmx";
const SOAP_ACTION: &str =
    "\"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/GetConfig\"";
const CLIENT_NS: &str = "http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService";
/// WU_E_PT_SOAPCLIENT_SOAPFAULT.
const HR_SOAP_FAULT: u32 = 0x80244007;
/// WU_E_PT_SOAPCLIENT_PARSE.
const HR_PARSE: u32 = 0x8024400A;
/// WU_E_PT_NO_AUTH_PLUGINS_REQUESTED.
const HR_NO_AUTH_PLUGINS: u32 = 0x80244027;
/// WU_E_PT_CONFIG_PROP_MISSING.
const HR_CONFIG_PROP_MISSING: u32 = 0x8024402A;

/// The request body (MS-WUSP §2.2.2.2.1; protocol version 1.8 is what clients SHOULD send, <11>).
pub(crate) const REQUEST: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n",
    "  <soap:Body>\n",
    "    <GetConfig xmlns=\"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService\">\n",
    "      <protocolVersion>1.8</protocolVersion>\n",
    "    </GetConfig>\n",
    "  </soap:Body>\n",
    "</soap:Envelope>\n"
);

/// What a GetConfig answer says.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub has_result: bool,
    pub auth_plugin: Option<String>,
    pub protocol_version: Option<String>,
    pub last_change: Option<String>,
    pub fault: Option<SoapFault>,
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").trim().to_string())
}

/// Parses a GetConfig answer or a SOAP fault; `None` when the body is not XML.
pub fn parse(body: &[u8]) -> Option<Parsed> {
    let text = String::from_utf8_lossy(body);
    let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}').trim_start()).ok()?;
    let mut p = Parsed::default();
    if let Some(fault) = doc.descendants().find(|n| n.tag_name().name() == "Fault") {
        p.fault = Some(SoapFault {
            faultcode: child_text(fault, "faultcode").unwrap_or_default(),
            faultstring: child_text(fault, "faultstring").unwrap_or_default(),
            error_code: child_text(fault, "ErrorCode"),
            message: child_text(fault, "Message"),
        });
        return Some(p);
    }
    let result = doc
        .descendants()
        .find(|n| {
            n.tag_name().name() == "GetConfigResult" && n.tag_name().namespace() == Some(CLIENT_NS)
        })
        .or_else(|| {
            doc.descendants()
                .find(|n| n.tag_name().name() == "GetConfigResult")
        })?;
    p.has_result = true;
    p.last_change = child_text(result, "LastChange");
    p.auth_plugin = result
        .descendants()
        .find(|n| n.tag_name().name() == "AuthPlugInInfo")
        .and_then(|a| child_text(a, "PlugInID"));
    p.protocol_version = result
        .descendants()
        .filter(|n| n.tag_name().name() == "ConfigurationProperty")
        .find(|n| child_text(*n, "Name").as_deref() == Some("ProtocolVersion"))
        .and_then(|n| child_text(n, "Value"));
    Some(p)
}

/// Calls GetConfig.
pub fn run(route: &Route, timeout: Duration) -> SoapStep {
    let start = Instant::now();
    let r = http::request(
        route,
        "POST",
        PATH,
        &[
            ("Content-Type", "text/xml; charset=utf-8"),
            ("SOAPAction", SOAP_ACTION),
        ],
        REQUEST.as_bytes(),
        timeout,
    );
    judge(r, start.elapsed().as_millis() as u64)
}

/// Judges a GetConfig answer.
pub(crate) fn judge(r: Result<Response, NetError>, ms: u64) -> SoapStep {
    let mut step = SoapStep {
        outcome: StepOutcome::pass(ms, ""),
        status: None,
        auth_plugin: None,
        protocol_version: None,
        last_change: None,
        fault: None,
    };
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            step.outcome = StepOutcome::fail(ms, e.message, Some(e.hresult));
            return step;
        }
    };
    let status = r.head.status;
    step.status = Some(status);
    let parsed = parse(&r.body);
    if let Some(fault) = parsed.as_ref().and_then(|p| p.fault.clone()) {
        let code = fault
            .error_code
            .clone()
            .unwrap_or_else(|| fault.faultcode.clone());
        step.outcome = StepOutcome::fail(
            ms,
            match fault.message.as_deref() {
                Some(m) => crate::tr!(
                    "probe-soap-fault-message",
                    status = status,
                    code = &code,
                    message = m
                ),
                None => crate::tr!("probe-soap-fault", status = status, code = &code),
            },
            Some(HR_SOAP_FAULT),
        );
        step.fault = Some(fault);
        return step;
    }
    if status != 200 {
        let sub = http::substatus_from_page(status, &r.body);
        step.outcome = StepOutcome::fail(
            ms,
            crate::tr!(
                "probe-soap-answered",
                meaning = http::status_meaning(status, sub)
            ),
            crate::knowledge::hresult::for_http_status(status).or(Some(0x8024402B)),
        );
        return step;
    }
    let Some(p) = parsed.filter(|p| p.has_result) else {
        step.outcome =
            StepOutcome::fail(ms, crate::tr!("probe-soap-not-getconfig"), Some(HR_PARSE));
        return step;
    };
    step.auth_plugin = p.auth_plugin.clone();
    step.protocol_version = p.protocol_version.clone();
    step.last_change = p.last_change.clone();
    step.outcome = match (p.auth_plugin.as_deref(), p.protocol_version.as_deref()) {
        (None, _) => StepOutcome::fail(
            ms,
            crate::tr!("probe-soap-no-plugin"),
            Some(HR_NO_AUTH_PLUGINS),
        ),
        (_, None) => StepOutcome::fail(
            ms,
            crate::tr!("probe-soap-no-protocol-version"),
            Some(HR_CONFIG_PROP_MISSING),
        ),
        (Some("SimpleTargeting"), Some(v)) => {
            StepOutcome::pass(ms, crate::tr!("probe-soap-answered-wsus", version = v))
        }
        (Some(other), Some(v)) => StepOutcome {
            status: StepStatus::Warn,
            duration_ms: ms,
            message: crate::tr!("probe-soap-other-plugin", plugin = other, version = v),
            hresult: None,
        },
    };
    step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_faults_are_decoded() {
        let ok = br#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetConfigResponse xmlns="http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService"><GetConfigResult><LastChange>2024-01-01T00:00:00Z</LastChange><IsRegistrationRequired>true</IsRegistrationRequired><AuthInfo><AuthPlugInInfo><PlugInID>SimpleTargeting</PlugInID><ServiceUrl>SimpleAuthWebService/SimpleAuth.asmx</ServiceUrl></AuthPlugInInfo></AuthInfo><Properties><ConfigurationProperty><Name>MaxExtendedUpdatesPerRequest</Name><Value>50</Value></ConfigurationProperty><ConfigurationProperty><Name>ProtocolVersion</Name><Value>3.2</Value></ConfigurationProperty></Properties></GetConfigResult></GetConfigResponse></soap:Body></soap:Envelope>"#;
        let p = parse(ok).unwrap();
        assert_eq!(p.auth_plugin.as_deref(), Some("SimpleTargeting"));
        assert_eq!(p.protocol_version.as_deref(), Some("3.2"));
        let fault = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Fault occurred</faultstring><detail><ErrorCode>ServerBusy</ErrorCode><Message>busy</Message></detail></soap:Fault></soap:Body></soap:Envelope>"#;
        let p = parse(fault).unwrap();
        assert_eq!(p.fault.unwrap().error_code.as_deref(), Some("ServerBusy"));
        assert!(parse(b"not xml").is_none());
    }

    #[test]
    fn an_emulated_server_is_told_apart() {
        let ok = |body: &str| {
            let r = Response {
                head: http::Head {
                    status: 200,
                    ..Default::default()
                },
                body: body.as_bytes().to_vec(),
            };
            judge(Ok(r), 5)
        };
        let anon = ok(
            r#"<Envelope><Body><GetConfigResponse><GetConfigResult><AuthInfo><AuthPlugInInfo><PlugInID>Anonymous</PlugInID><ServiceUrl></ServiceUrl></AuthPlugInInfo></AuthInfo><Properties><ConfigurationProperty><Name>ProtocolVersion</Name><Value>3.2</Value></ConfigurationProperty></Properties></GetConfigResult></GetConfigResponse></Body></Envelope>"#,
        );
        assert_eq!(anon.outcome.status, StepStatus::Warn);
        assert_eq!(anon.auth_plugin.as_deref(), Some("Anonymous"));
        assert_eq!(
            anon.outcome.message,
            "GetConfig names the authorization plug-in 'Anonymous' instead of SimpleTargeting (server protocol version 3.2): an emulated or rogue update server, not WSUS"
        );
        assert_eq!(
            anon.outcome.message.local(crate::i18n::Lang::Ja),
            "GetConfig が SimpleTargeting ではなく承認プラグイン 'Anonymous' を示しています (サーバーのプロトコル バージョン 3.2)。WSUS ではなく、エミュレートされた更新サーバーまたは不正な更新サーバーです"
        );
        let bare = ok("<Envelope><Body><GetConfigResponse><GetConfigResult/></GetConfigResponse></Body></Envelope>");
        assert_eq!(bare.outcome.hresult, Some(HR_NO_AUTH_PLUGINS));
        let html = ok("<html><body>IIS</body></html>");
        assert_eq!(html.outcome.hresult, Some(HR_PARSE));
    }
}
