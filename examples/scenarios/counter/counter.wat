;; counter: a u64 counter and block information.
;;   upgrade()    nothing (the endpoint an upgrade runs)
;;   increment()  count += 1          getCount()   count
;;   whoami()     the caller's address
;;   blockInfo()  timestamp, nonce, round, epoch of the current block
(module
  (import "env" "int64storageStore" (func $int64storageStore (param i32 i32 i64) (result i32)))
  (import "env" "int64storageLoad" (func $int64storageLoad (param i32 i32) (result i64)))
  (import "env" "int64finish" (func $int64finish (param i64)))
  (import "env" "getCaller" (func $getCaller (param i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "getBlockTimestamp" (func $getBlockTimestamp (result i64)))
  (import "env" "getBlockNonce" (func $getBlockNonce (result i64)))
  (import "env" "getBlockRound" (func $getBlockRound (result i64)))
  (import "env" "getBlockEpoch" (func $getBlockEpoch (result i64)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "count")

  (func (export "init"))

  (func (export "upgrade"))

  (func (export "increment")
    (drop (call $int64storageStore (i32.const 0) (i32.const 5)
      (i64.add (call $int64storageLoad (i32.const 0) (i32.const 5)) (i64.const 1)))))

  (func (export "getCount")
    (call $int64finish (call $int64storageLoad (i32.const 0) (i32.const 5))))

  (func (export "whoami")
    (call $getCaller (i32.const 64))
    (call $finish (i32.const 64) (i32.const 32)))

  (func (export "blockInfo")
    (call $int64finish (call $getBlockTimestamp))
    (call $int64finish (call $getBlockNonce))
    (call $int64finish (call $getBlockRound))
    (call $int64finish (call $getBlockEpoch))))
