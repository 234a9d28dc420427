;; kv: a key-value store on managed buffers.
;;   set(key, value)   stores value under key
;;   get(key)          returns the value under key (empty if none)
;;   delete(key)       clears key
(module
  (import "env" "getNumArguments" (func $getNumArguments (result i32)))
  (import "env" "signalError" (func $signalError (param i32 i32)))
  (import "env" "mBufferNew" (func $mBufferNew (result i32)))
  (import "env" "mBufferGetArgument" (func $mBufferGetArgument (param i32 i32) (result i32)))
  (import "env" "mBufferStorageStore" (func $mBufferStorageStore (param i32 i32) (result i32)))
  (import "env" "mBufferStorageLoad" (func $mBufferStorageLoad (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mBufferFinish (param i32) (result i32)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 16) "wrong number of arguments")

  (func $expectArgs (param $n i32)
    (if (i32.ne (call $getNumArguments) (local.get $n))
      (then (call $signalError (i32.const 16) (i32.const 25)))))

  (func $arg (param $i i32) (result i32)
    (local $h i32)
    (local.set $h (call $mBufferNew))
    (drop (call $mBufferGetArgument (local.get $i) (local.get $h)))
    (local.get $h))

  (func (export "init"))

  (func (export "set")
    (call $expectArgs (i32.const 2))
    (drop (call $mBufferStorageStore (call $arg (i32.const 0)) (call $arg (i32.const 1)))))

  (func (export "get")
    (local $v i32)
    (call $expectArgs (i32.const 1))
    (local.set $v (call $mBufferNew))
    (drop (call $mBufferStorageLoad (call $arg (i32.const 0)) (local.get $v)))
    (drop (call $mBufferFinish (local.get $v))))

  (func (export "delete")
    (call $expectArgs (i32.const 1))
    (drop (call $mBufferStorageStore (call $arg (i32.const 0)) (call $mBufferNew)))))
