//! Module caches: compile once per code hash in memory; on disk, artifacts keyed by code
//! hash, engine version and opcode costs, where corrupted or foreign files are recompiled.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use executor_api::{Executor, InstanceOptions, Module};
use strata_executor_wasmer::testing::RecordingHooks;
use strata_executor_wasmer::{CacheStats, WasmerConfig, WasmerExecutor};

use crate::support::{executor_with, hash_of, v4};

const COUNTDOWN: &str = r#"
    (module
      (memory (export "memory") 1)
      (func (export "run") (local $i i32)
        (local.set $i (i32.const 10))
        (loop $l
          (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))))
"#;

fn gas_of(module: &Arc<dyn Module>) -> u64 {
    let mut instance = module
        .instantiate(&InstanceOptions::with_gas_limit(1_000_000))
        .unwrap();
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    instance.gas_used()
}

fn disk_executor(dir: &Path) -> WasmerExecutor {
    WasmerExecutor::new(WasmerConfig::new(v4()).with_cache_dir(dir)).unwrap()
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn threads_meeting_a_new_contract_at_once_compile_it_once() {
    let executor = executor_with(v4());
    let code = wat::parse_str(COUNTDOWN).unwrap();
    let hash = hash_of(&code);
    let barrier = std::sync::Barrier::new(4);
    let modules: Vec<Arc<dyn Module>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    executor.compile(hash, &code).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(modules.iter().all(|m| Arc::ptr_eq(m, &modules[0])));
    let stats = executor.cache_stats();
    assert_eq!((stats.compiled, stats.memory_hits), (1, 3), "{stats:?}");
}

#[test]
fn modules_are_compiled_once_per_code_hash() {
    let executor = executor_with(v4());
    let code = wat::parse_str(COUNTDOWN).unwrap();
    let hash = hash_of(&code);
    assert!(executor.cached(hash).is_none());
    let first = executor.compile(hash, &code).unwrap();
    let second = executor.compile(hash, &code).unwrap();
    assert!(Arc::ptr_eq(&first, &second));
    assert!(executor.cached(hash).is_some());
    assert_eq!(
        executor.cache_stats(),
        CacheStats {
            memory_hits: 1,
            compiled: 1,
            ..CacheStats::default()
        }
    );
    // Instances from the cached module are independent.
    assert_eq!(gas_of(&first), 275);
    assert_eq!(gas_of(&second), 275);
    assert_eq!(executor.name(), "wasmer");
}

#[test]
fn the_memory_cache_keeps_at_most_its_capacity_oldest_out_first() {
    let executor = WasmerExecutor::new(WasmerConfig::new(v4()).with_max_cached_modules(2)).unwrap();
    let codes: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            wat::parse_str(format!(
                r#"(module (memory (export "memory") 1) (func (export "f{i}")))"#
            ))
            .unwrap()
        })
        .collect();
    for code in &codes {
        executor.compile(hash_of(code), code).unwrap();
    }
    assert!(
        executor.cached(hash_of(&codes[0])).is_none(),
        "the oldest left"
    );
    assert!(executor.cached(hash_of(&codes[1])).is_some());
    assert!(executor.cached(hash_of(&codes[2])).is_some());
    // Met again, it is compiled again and works.
    let again = executor.compile(hash_of(&codes[0]), &codes[0]).unwrap();
    assert!(again.has_function("f0"));
    assert_eq!(executor.cache_stats().compiled, 4);
}

#[test]
fn new_opcode_costs_drop_the_cached_modules() {
    let executor = executor_with(v4());
    let code = wat::parse_str(COUNTDOWN).unwrap();
    let hash = hash_of(&code);
    let module = executor.compile(hash, &code).unwrap();
    let mut doubled = v4();
    doubled.br_if *= 2;
    executor.set_opcode_cost(&doubled);
    assert!(executor.cached(hash).is_none());
    let recompiled = executor.compile(hash, &code).unwrap();
    assert_eq!(gas_of(&recompiled), 275 + 10 * v4().br_if);
    // Modules handed out before keep working with the costs they were compiled with.
    assert_eq!(gas_of(&module), 275);
}

#[test]
fn compiled_artifacts_are_reused_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let code = wat::parse_str(COUNTDOWN).unwrap();
    let hash = hash_of(&code);

    let writer = disk_executor(dir.path());
    assert_eq!(gas_of(&writer.compile(hash, &code).unwrap()), 275);
    assert_eq!(writer.cache_stats().compiled, 1);
    assert_eq!(cache_files(dir.path()).len(), 1);

    let reader = disk_executor(dir.path());
    assert_eq!(gas_of(&reader.compile(hash, &code).unwrap()), 275);
    assert_eq!(
        reader.cache_stats(),
        CacheStats {
            disk_hits: 1,
            ..CacheStats::default()
        }
    );

    // Other opcode costs are another key: not loaded, compiled and stored beside.
    let mut other = v4();
    other.br_if += 1;
    let other = WasmerExecutor::new(WasmerConfig::new(other).with_cache_dir(dir.path())).unwrap();
    assert_eq!(gas_of(&other.compile(hash, &code).unwrap()), 285);
    assert_eq!(other.cache_stats().compiled, 1);
    assert_eq!(cache_files(dir.path()).len(), 2);
}

#[test]
fn a_corrupted_cache_file_is_recompiled_never_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let code = wat::parse_str(COUNTDOWN).unwrap();
    let hash = hash_of(&code);
    disk_executor(dir.path()).compile(hash, &code).unwrap();
    let [file] = cache_files(dir.path()).try_into().unwrap();
    let intact = fs::read(&file).unwrap();

    for corrupt in [
        |bytes: &mut Vec<u8>| {
            let last = bytes.len() - 1;
            bytes[last] ^= 0x01;
        },
        |bytes: &mut Vec<u8>| bytes.truncate(bytes.len() / 2),
        |bytes: &mut Vec<u8>| bytes[20] ^= 0xff,
        |bytes: &mut Vec<u8>| *bytes = b"garbage".to_vec(),
    ] {
        let mut bytes = intact.clone();
        corrupt(&mut bytes);
        fs::write(&file, &bytes).unwrap();
        let executor = disk_executor(dir.path());
        assert_eq!(gas_of(&executor.compile(hash, &code).unwrap()), 275);
        assert_eq!(
            executor.cache_stats(),
            CacheStats {
                disk_rejected: 1,
                compiled: 1,
                ..CacheStats::default()
            }
        );
        // The file was rewritten with a good artifact.
        let reloaded = disk_executor(dir.path());
        reloaded.compile(hash, &code).unwrap();
        assert_eq!(reloaded.cache_stats().disk_hits, 1);
    }
}

#[test]
fn a_foreign_file_under_the_expected_name_is_recompiled() {
    let dir = tempfile::tempdir().unwrap();
    let code = wat::parse_str(COUNTDOWN).unwrap();
    let other_code =
        wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "run") (nop)))"#)
            .unwrap();
    let executor = disk_executor(dir.path());
    executor.compile(hash_of(&other_code), &other_code).unwrap();
    let [other_file] = cache_files(dir.path()).try_into().unwrap();

    // The artifact of another contract, copied under this contract's name.
    let expected_name = other_file.file_name().unwrap().to_string_lossy().replace(
        &hex::encode(hash_of(&other_code).0),
        &hex::encode(hash_of(&code).0),
    );
    fs::copy(&other_file, dir.path().join(expected_name)).unwrap();

    let executor = disk_executor(dir.path());
    let module = executor.compile(hash_of(&code), &code).unwrap();
    assert_eq!(executor.cache_stats().disk_rejected, 1);
    assert_eq!(gas_of(&module), 275);
}

#[test]
fn an_unusable_cache_dir_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, b"").unwrap();
    let result = WasmerExecutor::new(WasmerConfig::new(v4()).with_cache_dir(&file));
    assert!(matches!(result, Err(executor_api::ExecutorError::Cache(_))));
}
