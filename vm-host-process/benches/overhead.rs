//! A small call and a storage-heavy call (100 storage reads, each a chain read), in-process
//! and out-of-process, and the chain reads each makes.

use criterion::{Criterion, criterion_group, criterion_main};
use vm_handler::VmHandler;

#[allow(dead_code)]
#[path = "../tests/all/harness.rs"]
mod harness;

use harness::{Tap, call, chain, in_process, out_of_process, schedule};

fn overhead(c: &mut Criterion) {
    let chain = chain();
    let inside = in_process(&schedule());
    let outside = out_of_process(&schedule());
    for function in ["small", "heavy"] {
        let input = call(function);
        let expected = inside.run_smart_contract_call(&input, &chain).unwrap();
        assert_eq!(
            outside.run_smart_contract_call(&input, &chain).unwrap(),
            expected
        );
        let tap = Tap::new(&chain, || {});
        inside.run_smart_contract_call(&input, &tap).unwrap();
        eprintln!("{function}: {} chain reads per call", tap.calls.get());
        let mut group = c.benchmark_group(function);
        group.bench_function("in-process", |b| {
            b.iter(|| inside.run_smart_contract_call(&input, &chain).unwrap())
        });
        group.bench_function("out-of-process", |b| {
            b.iter(|| outside.run_smart_contract_call(&input, &chain).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, overhead);
criterion_main!(benches);
