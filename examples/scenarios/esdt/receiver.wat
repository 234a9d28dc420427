;; receiver: accepts ESDT payments.
;;   acceptEsdt()   returns the token and amount of the (single) ESDT payment; adds the amount
;;                  to "esdtTotal"
(module
  (import "env" "bigIntNew" (func $bigIntNew (param i64) (result i32)))
  (import "env" "bigIntGetESDTCallValue" (func $bigIntGetESDTCallValue (param i32)))
  (import "env" "getESDTTokenName" (func $getESDTTokenName (param i32) (result i32)))
  (import "env" "bigIntAdd" (func $bigIntAdd (param i32 i32 i32)))
  (import "env" "bigIntStorageStoreUnsigned" (func $store (param i32 i32 i32) (result i32)))
  (import "env" "bigIntStorageLoadUnsigned" (func $load (param i32 i32 i32) (result i32)))
  (import "env" "bigIntFinishUnsigned" (func $bigIntFinishUnsigned (param i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "esdtTotal")
  ;; 512..: a token name

  (func (export "init"))

  (func (export "acceptEsdt")
    (local $value i32)
    (local $total i32)
    (local $len i32)
    (local.set $value (call $bigIntNew (i64.const 0)))
    (call $bigIntGetESDTCallValue (local.get $value))
    (local.set $len (call $getESDTTokenName (i32.const 512)))
    (call $finish (i32.const 512) (local.get $len))
    (call $bigIntFinishUnsigned (local.get $value))
    (local.set $total (call $bigIntNew (i64.const 0)))
    (drop (call $load (i32.const 0) (i32.const 9) (local.get $total)))
    (call $bigIntAdd (local.get $total) (local.get $total) (local.get $value))
    (drop (call $store (i32.const 0) (i32.const 9) (local.get $total)))))
