#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wsus_doctor_fuzz::ingest(wsus_doctor::evidence::Kind::ScanStatusExport, data)
});
