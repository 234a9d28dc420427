;; adder: a big-unsigned sum kept in storage under "sum".
;;   init(initial)  stores initial
;;   add(value)     sum += value
;;   getSum()       returns sum
(module
  (import "env" "getNumArguments" (func $getNumArguments (result i32)))
  (import "env" "signalError" (func $signalError (param i32 i32)))
  (import "env" "bigIntNew" (func $bigIntNew (param i64) (result i32)))
  (import "env" "bigIntGetUnsignedArgument" (func $bigIntGetUnsignedArgument (param i32 i32)))
  (import "env" "bigIntAdd" (func $bigIntAdd (param i32 i32 i32)))
  (import "env" "bigIntStorageStoreUnsigned" (func $bigIntStorageStoreUnsigned (param i32 i32 i32) (result i32)))
  (import "env" "bigIntStorageLoadUnsigned" (func $bigIntStorageLoadUnsigned (param i32 i32 i32) (result i32)))
  (import "env" "bigIntFinishUnsigned" (func $bigIntFinishUnsigned (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "sum")
  (data (i32.const 16) "wrong number of arguments")

  (func $expectArgs (param $n i32)
    (if (i32.ne (call $getNumArguments) (local.get $n))
      (then (call $signalError (i32.const 16) (i32.const 25)))))

  (func (export "init")
    (local $v i32)
    (call $expectArgs (i32.const 1))
    (local.set $v (call $bigIntNew (i64.const 0)))
    (call $bigIntGetUnsignedArgument (i32.const 0) (local.get $v))
    (drop (call $bigIntStorageStoreUnsigned (i32.const 0) (i32.const 3) (local.get $v))))

  (func (export "add")
    (local $sum i32)
    (local $v i32)
    (call $expectArgs (i32.const 1))
    (local.set $sum (call $bigIntNew (i64.const 0)))
    (local.set $v (call $bigIntNew (i64.const 0)))
    (drop (call $bigIntStorageLoadUnsigned (i32.const 0) (i32.const 3) (local.get $sum)))
    (call $bigIntGetUnsignedArgument (i32.const 0) (local.get $v))
    (call $bigIntAdd (local.get $sum) (local.get $sum) (local.get $v))
    (drop (call $bigIntStorageStoreUnsigned (i32.const 0) (i32.const 3) (local.get $sum))))

  (func (export "getSum")
    (local $sum i32)
    (call $expectArgs (i32.const 0))
    (local.set $sum (call $bigIntNew (i64.const 0)))
    (drop (call $bigIntStorageLoadUnsigned (i32.const 0) (i32.const 3) (local.get $sum)))
    (call $bigIntFinishUnsigned (local.get $sum))))
