;; forwarder: synchronous calls to another contract.
;;   forwardAdd(dest, value)   calls dest.add(value) on the destination's context
;;   forwardGetSum(dest)       calls dest.getSum() and returns what it returned
(module
  (import "env" "mBufferNew" (func $mBufferNew (result i32)))
  (import "env" "mBufferSetBytes" (func $mBufferSetBytes (param i32 i32 i32) (result i32)))
  (import "env" "mBufferGetArgument" (func $mBufferGetArgument (param i32 i32) (result i32)))
  (import "env" "mBufferGetBytes" (func $mBufferGetBytes (param i32 i32) (result i32)))
  (import "env" "mBufferGetLength" (func $mBufferGetLength (param i32) (result i32)))
  (import "env" "mBufferFinish" (func $mBufferFinish (param i32) (result i32)))
  (import "env" "bigIntNew" (func $bigIntNew (param i64) (result i32)))
  (import "env" "managedExecuteOnDestContext"
    (func $managedExecuteOnDestContext (param i64 i32 i32 i32 i32 i32) (result i32)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "add")
  (data (i32.const 16) "getSum")
  ;; 64..68: one argument handle, big-endian; 128..: result handles

  (func $arg (param $i i32) (result i32)
    (local $h i32)
    (local.set $h (call $mBufferNew))
    (drop (call $mBufferGetArgument (local.get $i) (local.get $h)))
    (local.get $h))

  (func $name (param $offset i32) (param $len i32) (result i32)
    (local $h i32)
    (local.set $h (call $mBufferNew))
    (drop (call $mBufferSetBytes (local.get $h) (local.get $offset) (local.get $len)))
    (local.get $h))

  (func $putHandle (param $offset i32) (param $h i32)
    (i32.store8 (local.get $offset) (i32.shr_u (local.get $h) (i32.const 24)))
    (i32.store8 offset=1 (local.get $offset) (i32.shr_u (local.get $h) (i32.const 16)))
    (i32.store8 offset=2 (local.get $offset) (i32.shr_u (local.get $h) (i32.const 8)))
    (i32.store8 offset=3 (local.get $offset) (local.get $h)))

  (func $getHandle (param $offset i32) (result i32)
    (i32.or
      (i32.or
        (i32.shl (i32.load8_u (local.get $offset)) (i32.const 24))
        (i32.shl (i32.load8_u offset=1 (local.get $offset)) (i32.const 16)))
      (i32.or
        (i32.shl (i32.load8_u offset=2 (local.get $offset)) (i32.const 8))
        (i32.load8_u offset=3 (local.get $offset)))))

  (func (export "init"))

  (func (export "forwardAdd")
    (local $args i32)
    (call $putHandle (i32.const 64) (call $arg (i32.const 1)))
    (local.set $args (call $name (i32.const 64) (i32.const 4)))
    (drop (call $managedExecuteOnDestContext
      (i64.const 5000000)
      (call $arg (i32.const 0))
      (call $bigIntNew (i64.const 0))
      (call $name (i32.const 0) (i32.const 3))
      (local.get $args)
      (call $mBufferNew))))

  (func (export "forwardGetSum")
    (local $results i32)
    (local.set $results (call $mBufferNew))
    (drop (call $managedExecuteOnDestContext
      (i64.const 5000000)
      (call $arg (i32.const 0))
      (call $bigIntNew (i64.const 0))
      (call $name (i32.const 16) (i32.const 6))
      (call $mBufferNew)
      (local.get $results)))
    (if (i32.ge_u (call $mBufferGetLength (local.get $results)) (i32.const 4))
      (then
        (drop (call $mBufferGetBytes (local.get $results) (i32.const 128)))
        (drop (call $mBufferFinish (call $getHandle (i32.const 128))))))))
