//! The gate's JSON input, as `vangnet gate eval` reads it: arbitrary text
//! through `GateRequest::from_json_str`, then the decision. Neither may
//! panic; an accepted request must evaluate to a refusal or a decision
//! that serialises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vangnet_domain::tenancy::{GateRequest, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(request) = GateRequest::from_json_str(text, &Policy::default()) else {
        return;
    };
    if let Ok(decision) = request.evaluate() {
        serde_json::to_string(&decision).expect("a decision serialises");
    }
});
