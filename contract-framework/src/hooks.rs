//! The hooks the framework calls, declared once.
//!
//! [`declare_hooks!`] expands the list below two ways: on `wasm32` to `extern "C"` imports of
//! module `env` (only the hooks a contract actually calls end up imported), and on the host to
//! forwarders that call the running VM's [`VMHooks`](executor_api::VMHooks) through the native
//! context ([`crate::native`]). Pointers and lengths are `isize`: a wasm `i32` on `wasm32`, a
//! real address ([`MemPtr`](executor_api::MemPtr)) natively.
//!
//! Every name here is a hook of the reference table with the same signature (a test checks it
//! against `executor_api::HOOKS`).

macro_rules! declare_hooks {
    ($( $wasm:literal fn $name:ident($($arg:ident: $ty:ident),*) $(-> $ret:ident)?; )*) => {
        #[cfg(target_arch = "wasm32")]
        #[link(wasm_import_module = "env")]
        #[allow(dead_code)]
        unsafe extern "C" {
            $(
                #[link_name = $wasm]
                pub(crate) fn $name($($arg: $ty),*) $(-> $ret)?;
            )*
        }

        $(
            /// Forwards to the hook of the same name of the running VM.
            ///
            /// # Safety
            /// Pointers must be valid for the lengths given (the hook reads or writes them).
            #[cfg(not(target_arch = "wasm32"))]
            #[allow(clippy::missing_safety_doc, dead_code)]
            pub(crate) unsafe fn $name($($arg: $ty),*) $(-> $ret)? {
                crate::native::with_vm(|hooks, instance| hooks.$name(instance, $($arg),*))
            }
        )*

        /// The declared hooks: wasm name and signature in the reference table's notation.
        #[cfg(all(test, not(target_arch = "wasm32")))]
        pub(crate) const DECLARED: &[(&str, &[&str], &str)] = &[
            $( ($wasm, &[$(stringify!($ty)),*], stringify!($($ret)?)), )*
        ];
    };
}

declare_hooks! {
    // Errors, arguments, results.
    "signalError" fn signal_error(message_offset: isize, message_length: isize);
    "managedSignalError" fn managed_signal_error(err_handle: i32);
    "getNumArguments" fn get_num_arguments() -> i32;
    "checkNoPayment" fn check_no_payment();
    "mBufferGetArgument" fn mbuffer_get_argument(id: i32, destination_handle: i32) -> i32;
    "bigIntGetUnsignedArgument" fn big_int_get_unsigned_argument(id: i32, destination_handle: i32);
    "bigIntGetSignedArgument" fn big_int_get_signed_argument(id: i32, destination_handle: i32);
    "smallIntGetUnsignedArgument" fn small_int_get_unsigned_argument(id: i32) -> i64;
    "smallIntGetSignedArgument" fn small_int_get_signed_argument(id: i32) -> i64;
    "mBufferFinish" fn mbuffer_finish(source_handle: i32) -> i32;
    "bigIntFinishUnsigned" fn big_int_finish_unsigned(reference_handle: i32);
    "bigIntFinishSigned" fn big_int_finish_signed(reference_handle: i32);
    "smallIntFinishUnsigned" fn small_int_finish_unsigned(value: i64);
    "smallIntFinishSigned" fn small_int_finish_signed(value: i64);
    // Managed buffers.
    "mBufferNew" fn mbuffer_new() -> i32;
    "mBufferNewFromBytes" fn mbuffer_new_from_bytes(data_offset: isize, data_length: isize) -> i32;
    "mBufferGetLength" fn mbuffer_get_length(mbuffer_handle: i32) -> i32;
    "mBufferGetBytes" fn mbuffer_get_bytes(mbuffer_handle: i32, result_offset: isize) -> i32;
    "mBufferGetByteSlice" fn mbuffer_get_byte_slice(source_handle: i32, starting_position: i32, slice_length: i32, result_offset: isize) -> i32;
    "mBufferCopyByteSlice" fn mbuffer_copy_byte_slice(source_handle: i32, starting_position: i32, slice_length: i32, destination_handle: i32) -> i32;
    "mBufferEq" fn mbuffer_eq(mbuffer_handle1: i32, mbuffer_handle2: i32) -> i32;
    "mBufferSetBytes" fn mbuffer_set_bytes(mbuffer_handle: i32, data_offset: isize, data_length: isize) -> i32;
    "mBufferAppend" fn mbuffer_append(accumulator_handle: i32, data_handle: i32) -> i32;
    "mBufferAppendBytes" fn mbuffer_append_bytes(accumulator_handle: i32, data_offset: isize, data_length: isize) -> i32;
    "mBufferToBigIntUnsigned" fn mbuffer_to_big_int_unsigned(mbuffer_handle: i32, big_int_handle: i32) -> i32;
    "mBufferToBigIntSigned" fn mbuffer_to_big_int_signed(mbuffer_handle: i32, big_int_handle: i32) -> i32;
    "mBufferFromBigIntUnsigned" fn mbuffer_from_big_int_unsigned(mbuffer_handle: i32, big_int_handle: i32) -> i32;
    "mBufferFromBigIntSigned" fn mbuffer_from_big_int_signed(mbuffer_handle: i32, big_int_handle: i32) -> i32;
    "mBufferStorageStore" fn mbuffer_storage_store(key_handle: i32, source_handle: i32) -> i32;
    "mBufferStorageLoad" fn mbuffer_storage_load(key_handle: i32, destination_handle: i32) -> i32;
    "mBufferStorageLoadFromAddress" fn mbuffer_storage_load_from_address(address_handle: i32, key_handle: i32, destination_handle: i32);
    // Big integers.
    "bigIntNew" fn big_int_new(small_value: i64) -> i32;
    "bigIntSetUnsignedBytes" fn big_int_set_unsigned_bytes(destination_handle: i32, byte_offset: isize, byte_length: isize);
    "bigIntSetSignedBytes" fn big_int_set_signed_bytes(destination_handle: i32, byte_offset: isize, byte_length: isize);
    "bigIntUnsignedByteLength" fn big_int_unsigned_byte_length(reference_handle: i32) -> i32;
    "bigIntSignedByteLength" fn big_int_signed_byte_length(reference_handle: i32) -> i32;
    "bigIntGetUnsignedBytes" fn big_int_get_unsigned_bytes(reference_handle: i32, byte_offset: isize) -> i32;
    "bigIntGetSignedBytes" fn big_int_get_signed_bytes(reference_handle: i32, byte_offset: isize) -> i32;
    "bigIntSetInt64" fn big_int_set_int64(destination_handle: i32, value: i64);
    "bigIntIsInt64" fn big_int_is_int64(destination_handle: i32) -> i32;
    "bigIntGetInt64" fn big_int_get_int64(destination_handle: i32) -> i64;
    "bigIntAdd" fn big_int_add(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntSub" fn big_int_sub(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntMul" fn big_int_mul(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntTDiv" fn big_int_t_div(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntTMod" fn big_int_t_mod(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntPow" fn big_int_pow(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntSqrt" fn big_int_sqrt(destination_handle: i32, op_handle: i32);
    "bigIntNeg" fn big_int_neg(destination_handle: i32, op_handle: i32);
    "bigIntAbs" fn big_int_abs(destination_handle: i32, op_handle: i32);
    "bigIntSign" fn big_int_sign(op_handle: i32) -> i32;
    "bigIntCmp" fn big_int_cmp(op1_handle: i32, op2_handle: i32) -> i32;
    "bigIntAnd" fn big_int_and(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntOr" fn big_int_or(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntXor" fn big_int_xor(destination_handle: i32, op1_handle: i32, op2_handle: i32);
    "bigIntShr" fn big_int_shr(destination_handle: i32, op_handle: i32, bits: i32);
    "bigIntShl" fn big_int_shl(destination_handle: i32, op_handle: i32, bits: i32);
    "bigIntToString" fn big_int_to_string(big_int_handle: i32, destination_handle: i32);
    "bigIntGetCallValue" fn big_int_get_call_value(destination_handle: i32);
    // Blockchain information.
    "managedSCAddress" fn managed_sc_address(destination_handle: i32);
    "managedOwnerAddress" fn managed_owner_address(destination_handle: i32);
    "managedCaller" fn managed_caller(destination_handle: i32);
    "getBlockTimestamp" fn get_block_timestamp() -> i64;
    "getBlockNonce" fn get_block_nonce() -> i64;
    "getBlockRound" fn get_block_round() -> i64;
    "getBlockEpoch" fn get_block_epoch() -> i64;
    "getGasLeft" fn get_gas_left() -> i64;
    "bigIntGetExternalBalance" fn big_int_get_external_balance(address_offset: isize, result: i32);
    "managedGetESDTBalance" fn managed_get_esdt_balance(address_handle: i32, token_id_handle: i32, nonce: i64, value_handle: i32);
    "managedGetESDTTokenData" fn managed_get_esdt_token_data(address_handle: i32, token_id_handle: i32, nonce: i64, value_handle: i32, properties_handle: i32, hash_handle: i32, name_handle: i32, attributes_handle: i32, creator_handle: i32, royalties_handle: i32, uris_handle: i32);
    "managedGetMultiESDTCallValue" fn managed_get_multi_esdt_call_value(multi_call_value_handle: i32);
    "getNumESDTTransfers" fn get_num_esdt_transfers() -> i32;
    // Crypto.
    "managedSha256" fn managed_sha256(input_handle: i32, output_handle: i32) -> i32;
    "managedKeccak256" fn managed_keccak256(input_handle: i32, output_handle: i32) -> i32;
    "managedRipemd160" fn managed_ripemd160(input_handle: i32, output_handle: i32) -> i32;
    "managedVerifyEd25519" fn managed_verify_ed25519(key_handle: i32, message_handle: i32, sig_handle: i32) -> i32;
    // Logs.
    "managedWriteLog" fn managed_write_log(topics_handle: i32, data_handle: i32);
    // Transfers and calls.
    "managedTransferValueExecute" fn managed_transfer_value_execute(dst_handle: i32, value_handle: i32, gas_limit: i64, function_handle: i32, arguments_handle: i32) -> i32;
    "managedMultiTransferESDTNFTExecute" fn managed_multi_transfer_esdt_nft_execute(dst_handle: i32, token_transfers_handle: i32, gas_limit: i64, function_handle: i32, arguments_handle: i32) -> i32;
    "managedExecuteOnDestContext" fn managed_execute_on_dest_context(gas: i64, address_handle: i32, value_handle: i32, function_handle: i32, arguments_handle: i32, result_handle: i32) -> i32;
    "managedExecuteReadOnly" fn managed_execute_read_only(gas: i64, address_handle: i32, function_handle: i32, arguments_handle: i32, result_handle: i32) -> i32;
    "managedCreateAsyncCall" fn managed_create_async_call(dest_handle: i32, value_handle: i32, function_handle: i32, arguments_handle: i32, success_offset: isize, success_length: isize, error_offset: isize, error_length: isize, gas: i64, extra_gas_for_callback: i64, callback_closure_handle: i32) -> i32;
    "managedGetCallbackClosure" fn managed_get_callback_closure(callback_closure_handle: i32);
    "managedDeployFromSourceContract" fn managed_deploy_from_source_contract(gas: i64, value_handle: i32, address_handle: i32, code_metadata_handle: i32, arguments_handle: i32, result_address_handle: i32, result_handle: i32) -> i32;
    "managedCreateContract" fn managed_create_contract(gas: i64, value_handle: i32, code_handle: i32, code_metadata_handle: i32, arguments_handle: i32, result_address_handle: i32, result_handle: i32) -> i32;
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::DECLARED;
    use std::format;
    use std::vec::Vec;

    fn wasm_type(rust: &str) -> &'static str {
        match rust {
            "isize" | "i32" => "i32",
            "i64" => "i64",
            other => panic!("unexpected hook type {other}"),
        }
    }

    #[test]
    fn every_declared_hook_is_in_the_reference_table_with_its_signature() {
        for (name, params, ret) in DECLARED {
            let info = executor_api::hook_info(name)
                .unwrap_or_else(|| panic!("{name} is not a hook of the reference table"));
            let params: Vec<&str> = params.iter().map(|t| wasm_type(t)).collect();
            let ret = if ret.is_empty() { "()" } else { wasm_type(ret) };
            let ours = format!("({}) -> {}", params.join(", "), ret);
            assert_eq!(ours, info.wasm_signature(), "signature of {name}");
        }
        assert!(DECLARED.len() > 60);
    }
}
