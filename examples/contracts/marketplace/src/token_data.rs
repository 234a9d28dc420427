//! The royalties and creator of an NFT, read from the chain with the `managedGetESDTTokenData`
//! hook, which the framework does not wrap (yet): on wasm an import of our own, natively a call
//! to the running VM's hooks.
//!
//! Natively, the hooks are reached through [`with_vm_kept`], which keeps the hooks and instance
//! a native endpoint gets for the time of the endpoint, as the framework's own native context
//! does; the marketplace's [`native_contract`](crate::native_contract) wraps the `buy` endpoint
//! with it.

use strata_contract_framework::prelude::*;

/// What the marketplace needs of an NFT: who created it and its royalties (in hundredths of a
/// percent).
#[derive(Debug)]
pub struct Royalties {
    /// The account that created the NFT.
    pub creator: ManagedAddress,
    /// Royalties, 0..=10000.
    pub royalties: BigUint,
}

/// The creator and royalties of `token` at `nonce` held by `holder` (empty and 0 for a token
/// without metadata).
pub fn royalties_of(holder: &ManagedAddress, token: &TokenIdentifier, nonce: u64) -> Royalties {
    let value = BigUint::zero();
    let (properties, hash, name) = (
        ManagedBuffer::new(),
        ManagedBuffer::new(),
        ManagedBuffer::new(),
    );
    let (attributes, creator, uris) = (
        ManagedBuffer::new(),
        ManagedBuffer::new(),
        ManagedBuffer::new(),
    );
    let royalties = BigUint::zero();
    let handles = [
        holder.handle(),
        token.handle(),
        value.handle(),
        properties.handle(),
        hash.handle(),
        name.handle(),
        attributes.handle(),
        creator.handle(),
        royalties.handle(),
        uris.handle(),
    ];
    get_esdt_token_data(handles, nonce as i64);
    Royalties {
        creator: ManagedAddress::from_handle(creator.handle()),
        royalties,
    }
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "env")]
unsafe extern "C" {
    #[link_name = "managedGetESDTTokenData"]
    fn managed_get_esdt_token_data(
        address_handle: i32,
        token_id_handle: i32,
        nonce: i64,
        value_handle: i32,
        properties_handle: i32,
        hash_handle: i32,
        name_handle: i32,
        attributes_handle: i32,
        creator_handle: i32,
        royalties_handle: i32,
        uris_handle: i32,
    );
}

/// `managedGetESDTTokenData` with the handles of `royalties_of`, in the hook's order.
#[cfg(target_arch = "wasm32")]
fn get_esdt_token_data(h: [i32; 10], nonce: i64) {
    // SAFETY: handles only.
    unsafe {
        managed_get_esdt_token_data(
            h[0], h[1], nonce, h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
        )
    };
}

#[cfg(not(target_arch = "wasm32"))]
use native::get_esdt_token_data;
#[cfg(not(target_arch = "wasm32"))]
pub use native::with_vm_kept;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    extern crate std;

    use core::cell::RefCell;
    use std::boxed::Box;
    use std::vec::Vec;

    use strata_contract_framework::native::{InstanceAccess, VMHooks};

    type Kept = (
        *mut (dyn VMHooks + 'static),
        *mut (dyn InstanceAccess + 'static),
    );

    std::thread_local! {
        static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    }

    /// Pops the entry it guards, also when the endpoint unwinds.
    struct PopOnDrop;

    impl Drop for PopOnDrop {
        fn drop(&mut self) {
            KEPT.with(|kept| kept.borrow_mut().pop());
        }
    }

    /// Runs the native endpoint `body` with `hooks` and `instance`, keeping them for
    /// the token-data reads of `body` while it runs (nested calls stack up).
    pub fn with_vm_kept(
        hooks: &mut dyn VMHooks,
        instance: &mut dyn InstanceAccess,
        body: fn(&mut dyn VMHooks, &mut dyn InstanceAccess),
    ) {
        let hooks: *mut dyn VMHooks = hooks;
        let instance: *mut dyn InstanceAccess = instance;
        // SAFETY: only the lifetime bounds of the trait objects change; the entry is popped
        // (PopOnDrop) before this function returns, while both borrows are still alive.
        let kept: Kept = unsafe {
            (
                core::mem::transmute::<*mut dyn VMHooks, *mut (dyn VMHooks + 'static)>(hooks),
                core::mem::transmute::<*mut dyn InstanceAccess, *mut (dyn InstanceAccess + 'static)>(
                    instance,
                ),
            )
        };
        KEPT.with(|k| k.borrow_mut().push(kept));
        let _pop = PopOnDrop;
        // SAFETY: the pointers come from live exclusive borrows; the framework's hook calls and
        // ours take turns on this one thread, none holding a reference across the other.
        body(unsafe { &mut *hooks }, unsafe { &mut *instance });
    }

    /// `managedGetESDTTokenData` on the kept VM; an early exit unwinds as the framework's
    /// hooks do.
    ///
    /// # Panics
    /// Outside an endpoint wrapped by [`with_vm_kept`].
    pub(super) fn get_esdt_token_data(h: [i32; 10], nonce: i64) {
        let Some((hooks, instance)) = KEPT.with(|k| k.borrow().last().copied()) else {
            panic!("token data read outside an endpoint wrapped by with_vm_kept");
        };
        // SAFETY: the kept pointers are alive while `with_vm_kept` runs; no other reference
        // to them is in use during this hook call.
        let (hooks, instance) = unsafe { (&mut *hooks, &mut *instance) };
        let result = hooks.managed_get_esdt_token_data(
            instance, h[0], h[1], nonce, h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
        );
        if let Err(exit) = result {
            std::panic::resume_unwind(Box::new(exit));
        }
    }
}
