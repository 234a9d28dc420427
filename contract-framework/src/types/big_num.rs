//! Operators shared by [`BigUint`](super::BigUint) and [`BigInt`](super::BigInt): each computes
//! into a new handle (by value and by reference) or in place (`+=`), through the VM's
//! big-integer hooks; comparisons use `bigIntCmp`.

/// Implements `$trait`/`$assign` for `$ty` with the hook `$hook` (destination, op1, op2).
macro_rules! big_binary_op {
    (
        $ty:ident, $trait:ident, $method:ident, $assign:ident, $assign_method:ident, $hook:ident,
        $post:ident, $post_in_place:ident
    ) => {
        impl core::ops::$trait<&$ty> for &$ty {
            type Output = $ty;
            fn $method(self, other: &$ty) -> $ty {
                let result = $ty::zero();
                // SAFETY: handles only.
                unsafe { crate::hooks::$hook(result.handle(), self.handle(), other.handle()) };
                result.$post()
            }
        }

        impl core::ops::$trait<$ty> for $ty {
            type Output = $ty;
            fn $method(self, other: $ty) -> $ty {
                core::ops::$trait::$method(&self, &other)
            }
        }

        impl core::ops::$trait<&$ty> for $ty {
            type Output = $ty;
            fn $method(self, other: &$ty) -> $ty {
                core::ops::$trait::$method(&self, other)
            }
        }

        impl core::ops::$assign<&$ty> for $ty {
            fn $assign_method(&mut self, other: &$ty) {
                // SAFETY: handles only.
                unsafe { crate::hooks::$hook(self.handle(), self.handle(), other.handle()) };
                self.$post_in_place();
            }
        }

        impl core::ops::$assign<$ty> for $ty {
            fn $assign_method(&mut self, other: $ty) {
                core::ops::$assign::$assign_method(self, &other);
            }
        }
    };
}

/// Implements the comparison traits of `$ty` with `bigIntCmp`.
macro_rules! big_comparisons {
    ($ty:ident) => {
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.cmp(other) == core::cmp::Ordering::Equal
            }
        }

        impl Eq for $ty {}

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> core::cmp::Ordering {
                // SAFETY: handles only.
                let sign = unsafe { crate::hooks::big_int_cmp(self.handle(), other.handle()) };
                sign.cmp(&0)
            }
        }

        impl Clone for $ty {
            fn clone(&self) -> Self {
                let copy = $ty::zero();
                // SAFETY: handles only.
                unsafe { crate::hooks::big_int_add(copy.handle(), copy.handle(), self.handle()) };
                copy
            }
        }

        impl Default for $ty {
            fn default() -> Self {
                Self::zero()
            }
        }

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($ty))
                    .field("handle", &self.handle())
                    .finish()
            }
        }
    };
}

/// All arithmetic operators of `$ty`.
macro_rules! big_arithmetic {
    ($ty:ident) => {
        big_binary_op!(
            $ty,
            Add,
            add,
            AddAssign,
            add_assign,
            big_int_add,
            unchanged,
            unchanged_in_place
        );
        big_binary_op!(
            $ty,
            Sub,
            sub,
            SubAssign,
            sub_assign,
            big_int_sub,
            after_sub,
            after_sub_in_place
        );
        big_binary_op!(
            $ty,
            Mul,
            mul,
            MulAssign,
            mul_assign,
            big_int_mul,
            unchanged,
            unchanged_in_place
        );
        big_binary_op!(
            $ty,
            Div,
            div,
            DivAssign,
            div_assign,
            big_int_t_div,
            unchanged,
            unchanged_in_place
        );
        big_binary_op!(
            $ty,
            Rem,
            rem,
            RemAssign,
            rem_assign,
            big_int_t_mod,
            unchanged,
            unchanged_in_place
        );

        impl $ty {
            fn unchanged(self) -> Self {
                self
            }

            fn unchanged_in_place(&self) {}
        }
        big_comparisons!($ty);
    };
}
