;; errors: the ways a call fails.
;;   fail()       signalError "custom error"
;;   trap()       executes unreachable
;;   spin()       loops until the gas runs out
;;   onlyOwner()  "only owner" unless the caller owns the contract; else stores touched = 1
;;   setThenFail(v)  stores v under "value", then signals an error (nothing must stay)
(module
  (import "env" "signalError" (func $signalError (param i32 i32)))
  (import "env" "getCaller" (func $getCaller (param i32)))
  (import "env" "getOwnerAddress" (func $getOwnerAddress (param i32)))
  (import "env" "int64storageStore" (func $int64storageStore (param i32 i32 i64) (result i32)))
  (import "env" "int64getArgument" (func $int64getArgument (param i32) (result i64)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "custom error")
  (data (i32.const 16) "only owner")
  (data (i32.const 32) "touched")
  (data (i32.const 48) "value")
  (data (i32.const 64) "failed after store")

  (func (export "init"))

  (func (export "fail")
    (call $signalError (i32.const 0) (i32.const 12)))

  (func (export "trap")
    unreachable)

  (func (export "spin")
    (loop $forever (br $forever)))

  (func $same32 (param $a i32) (param $b i32) (result i32)
    (i32.and
      (i32.and
        (i64.eq (i64.load (local.get $a)) (i64.load (local.get $b)))
        (i64.eq (i64.load offset=8 (local.get $a)) (i64.load offset=8 (local.get $b))))
      (i32.and
        (i64.eq (i64.load offset=16 (local.get $a)) (i64.load offset=16 (local.get $b)))
        (i64.eq (i64.load offset=24 (local.get $a)) (i64.load offset=24 (local.get $b))))))

  (func (export "onlyOwner")
    (call $getCaller (i32.const 256))
    (call $getOwnerAddress (i32.const 512))
    (if (i32.eqz (call $same32 (i32.const 256) (i32.const 512)))
      (then (call $signalError (i32.const 16) (i32.const 10))))
    (drop (call $int64storageStore (i32.const 32) (i32.const 7) (i64.const 1))))

  (func (export "setThenFail")
    (drop (call $int64storageStore (i32.const 48) (i32.const 5) (call $int64getArgument (i32.const 0))))
    (call $signalError (i32.const 64) (i32.const 18))))
