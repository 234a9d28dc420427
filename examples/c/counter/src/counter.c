/*
 * counter.c: a counter contract written in C, straight against the MultiversX VM hooks.
 *
 * No libc and no framework: every hook the contract uses is declared below as an import of
 * wasm module "env", every endpoint is a `void f(void)` exported under its name. Built by
 * `strata build examples/c/counter` (clang --target=wasm32 -mcpu=mvp, wasm-ld).
 *
 * Storage: "count", a u64 written as the smallIntStorage hooks write it (minimal big-endian,
 * empty for 0).
 *
 * Endpoints (none takes a payment; each checks how many arguments it got):
 *   init(start: u64)         the deploy: count = start
 *   increment() -> u64       count + 1
 *   add(amount: u64) -> u64  count + amount; "counter overflow" past 2^64 - 1
 *   decrement() -> u64       count - 1; "counter is already zero" at 0
 *   reset()                  the owner only ("only the owner may reset"): count = 0
 *   getCount() -> u64        the count (a view)
 *
 * Every change emits an event: identifier the endpoint, topics ["counter", caller], data the
 * new count as 8 bytes big-endian.
 */

typedef unsigned long long u64;
typedef unsigned char u8;

/* ---- The hooks (names and signatures as the VM's hook table has them) ---- */

#define HOOK(name) __attribute__((import_module("env"), import_name(name)))
#define ENDPOINT(name) __attribute__((export_name(name))) void

HOOK("getNumArguments") int get_num_arguments(void);
HOOK("smallIntGetUnsignedArgument") u64 get_u64_argument(int index);
HOOK("smallIntFinishUnsigned") void finish_u64(u64 value);
HOOK("smallIntStorageLoadUnsigned") u64 storage_load_u64(const char *key, int key_length);
HOOK("smallIntStorageStoreUnsigned") int storage_store_u64(const char *key, int key_length,
                                                           u64 value);
HOOK("checkNoPayment") void check_no_payment(void);
HOOK("getCaller") void get_caller(u8 *address);
HOOK("getOwnerAddress") void get_owner_address(u8 *address);
HOOK("signalError") void signal_error(const char *message, int length);
HOOK("writeEventLog") void write_event_log(int num_topics, const int *topic_lengths,
                                           const void *topics, const void *data,
                                           int data_length);

/* ---- Helpers ---- */

#define ADDRESS_LENGTH 32
/* A string literal and its length without the terminating zero. */
#define TEXT(literal) literal, (int)(sizeof(literal) - 1)

#define COUNT TEXT("count")

/* signalError stops the contract: the hook never returns to the caller of `fail`. */
static void fail(const char *message, int length) { signal_error(message, length); }

/* Every endpoint starts here: no payment, exactly `expected` arguments. */
static int arguments_ok(int expected) {
    check_no_payment();
    if (get_num_arguments() != expected) {
        fail(TEXT("wrong number of arguments"));
        return 0;
    }
    return 1;
}

/* The event topics, laid out contiguously as writeEventLog reads them. */
static struct {
    char tag[7];
    u8 caller[ADDRESS_LENGTH];
} topics = {{'c', 'o', 'u', 'n', 't', 'e', 'r'}, {0}};
static const int TOPIC_LENGTHS[2] = {sizeof(topics.tag), ADDRESS_LENGTH};

/* Stores the new count, emits the event and finishes with the count. */
static void save(u64 count, int finish) {
    u8 data[8];
    for (int i = 0; i < 8; i++) {
        data[i] = (u8)(count >> (56 - 8 * i));
    }
    storage_store_u64(COUNT, count);
    get_caller(topics.caller);
    write_event_log(2, TOPIC_LENGTHS, &topics, data, sizeof(data));
    if (finish) {
        finish_u64(count);
    }
}

/* ---- Endpoints ---- */

ENDPOINT("init") init(void) {
    if (arguments_ok(1)) {
        storage_store_u64(COUNT, get_u64_argument(0));
    }
}

ENDPOINT("increment") increment(void) {
    if (!arguments_ok(0)) {
        return;
    }
    u64 count = storage_load_u64(COUNT);
    if (count == ~0ULL) {
        fail(TEXT("counter overflow"));
        return;
    }
    save(count + 1, 1);
}

ENDPOINT("add") add(void) {
    if (!arguments_ok(1)) {
        return;
    }
    u64 count = storage_load_u64(COUNT);
    u64 amount = get_u64_argument(0);
    if (count + amount < count) {
        fail(TEXT("counter overflow"));
        return;
    }
    save(count + amount, 1);
}

ENDPOINT("decrement") decrement(void) {
    if (!arguments_ok(0)) {
        return;
    }
    u64 count = storage_load_u64(COUNT);
    if (count == 0) {
        fail(TEXT("counter is already zero"));
        return;
    }
    save(count - 1, 1);
}

ENDPOINT("reset") reset(void) {
    static u8 owner[ADDRESS_LENGTH];
    if (!arguments_ok(0)) {
        return;
    }
    get_owner_address(owner);
    get_caller(topics.caller);
    for (int i = 0; i < ADDRESS_LENGTH; i++) {
        if (owner[i] != topics.caller[i]) {
            fail(TEXT("only the owner may reset"));
            return;
        }
    }
    save(0, 0);
}

ENDPOINT("getCount") get_count(void) {
    if (arguments_ok(0)) {
        finish_u64(storage_load_u64(COUNT));
    }
}
