// The C ABI between AgentRL's C# tensor library and libtorch. Every entry point catches libtorch's exceptions and
// reports them through atr_last_error(): a bad shape must never abort the process. Tensors cross the boundary as
// heap-allocated at::Tensor handles that C# frees explicitly; atr_live_tensors() counts them for leak tests.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <malloc.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <type_traits>
#include <string>
#include <vector>

#define ATR_API extern "C" __attribute__((visibility("default")))

namespace {

thread_local std::string last_error;
std::atomic<int64_t> live_tensors{0};

using Handle = at::Tensor*;

Handle wrap(at::Tensor tensor) {
    live_tensors.fetch_add(1, std::memory_order_relaxed);
    return new at::Tensor(std::move(tensor));
}

void fail(const char* message) { last_error = message; }

// libtorch allocates and frees buffers of a few megabytes on every CPU operation. With glibc's defaults each one is a
// fresh mmap/munmap (or a heap trim), and on small models that system time costs more than the maths. Keep freed
// memory for reuse instead, as jemalloc or tcmalloc would; AGENTRL_MALLOC_DEFAULTS=1 opts out.
// TorchRuntime.AllocatorEnvironment mirrors these values for peer processes.
void tune_allocator() {
    if (const char* keep = std::getenv("AGENTRL_MALLOC_DEFAULTS"); keep != nullptr && keep[0] == '1') {
        return;
    }
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum on 64-bit
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
}

// Debian's libtorch runs matrix products in OpenBLAS, which has its own pthread pool sized to the machine. A second,
// OpenMP pool of the same size for libtorch's own intra-op work spins while BLAS runs, and the two pools fight over the
// cores: measured 2-3x slower on two cores than one intra-op thread. So default to one; products stay parallel inside
// BLAS. AGENTRL_TORCH_THREADS (or TorchRuntime.Threads) sets another count.
void default_intra_op_threads() {
    int threads = 1;
    if (const char* text = std::getenv("AGENTRL_TORCH_THREADS"); text != nullptr && std::atoi(text) > 0) {
        threads = std::atoi(text);
    }
    at::set_num_threads(threads);
}

__attribute__((constructor)) void configure_on_load() {
    tune_allocator();
    default_intra_op_threads();
}

at::ScalarType scalar_type(int dtype) {
    switch (dtype) {
        case 0: return at::kFloat;
        case 1: return at::kDouble;
        case 2: return at::kLong;
        case 3: return at::kBool;
        case 4: return at::kInt;
        case 5: return at::kHalf;
        case 6: return at::kBFloat16;
        case 7: return at::kByte;
        default: throw std::invalid_argument("unknown dtype code " + std::to_string(dtype));
    }
}

int dtype_code(at::ScalarType type) {
    switch (type) {
        case at::kFloat: return 0;
        case at::kDouble: return 1;
        case at::kLong: return 2;
        case at::kBool: return 3;
        case at::kInt: return 4;
        case at::kHalf: return 5;
        case at::kBFloat16: return 6;
        case at::kByte: return 7;
        default: return -1;
    }
}

at::Device device(int type, int index) {
    if (type == 0) return at::Device(at::kCPU);
    if (type == 1) return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
    throw std::invalid_argument("unknown device type " + std::to_string(type));
}

at::TensorOptions options(int dtype, int device_type, int device_index) {
    return at::TensorOptions().dtype(scalar_type(dtype)).device(device(device_type, device_index));
}

std::vector<int64_t> shape(const int64_t* dims, int ndim) { return std::vector<int64_t>(dims, dims + ndim); }

const at::Tensor& T(Handle h) {
    if (h == nullptr) throw std::invalid_argument("null tensor handle");
    return *h;
}

}  // namespace

#define ATR_TRY try {
#define ATR_CATCH(failure)                                    \
    }                                                         \
    catch (const c10::Error& e) {                             \
        fail(e.what_without_backtrace());                     \
        return failure;                                       \
    }                                                         \
    catch (const std::exception& e) {                         \
        fail(e.what());                                       \
        return failure;                                       \
    }

// ---- errors, lifetime, runtime settings ----

ATR_API const char* atr_last_error() { return last_error.c_str(); }

ATR_API void atr_free(Handle t) {
    if (t != nullptr) {
        delete t;
        live_tensors.fetch_sub(1, std::memory_order_relaxed);
    }
}

ATR_API int64_t atr_live_tensors() { return live_tensors.load(); }

ATR_API int atr_manual_seed(uint64_t seed) {
    ATR_TRY
    torch::manual_seed(seed);
    return 0;
    ATR_CATCH(-1)
}

ATR_API int atr_set_num_threads(int threads) {
    ATR_TRY
    at::set_num_threads(threads);
    return 0;
    ATR_CATCH(-1)
}

ATR_API int atr_get_num_threads() { return at::get_num_threads(); }

ATR_API int atr_cuda_device_count() {
    ATR_TRY
    return torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
    ATR_CATCH(0)
}

ATR_API int atr_set_grad_enabled(int enabled) {
    const bool previous = at::GradMode::is_enabled();
    at::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
}

// ---- creation and host transfer ----

ATR_API Handle atr_full(const int64_t* dims, int ndim, double value, int dtype, int device_type, int device_index) {
    ATR_TRY
    return wrap(at::full(shape(dims, ndim), value, options(dtype, device_type, device_index)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_arange(double start, double end, double step, int dtype, int device_type, int device_index) {
    ATR_TRY
    return wrap(at::arange(start, end, step, options(dtype, device_type, device_index)));
    ATR_CATCH(nullptr)
}

// A CPU random generator of its own, for streams independent of the default one (sampling versus dropout).
ATR_API void* atr_generator_new(uint64_t seed) {
    ATR_TRY
    return new at::Generator(at::detail::createCPUGenerator(seed));
    ATR_CATCH(nullptr)
}

ATR_API void atr_generator_free(void* generator) { delete static_cast<at::Generator*>(generator); }

// kind 0: standard normal, 1: uniform [0, 1); from `generator`, or the default one (see atr_manual_seed) when null.
ATR_API Handle atr_random(int kind, const int64_t* dims, int ndim, int dtype, int device_type, int device_index, void* generator) {
    ATR_TRY
    auto opts = options(dtype, device_type, device_index);
    // No optional<Generator> spelled out: libtorch 1.x takes c10::optional, 2.x std::optional; a Generator converts to both.
    if (generator == nullptr) {
        return wrap(kind == 0 ? at::randn(shape(dims, ndim), opts) : at::rand(shape(dims, ndim), opts));
    }
    const auto& gen = *static_cast<at::Generator*>(generator);
    return wrap(kind == 0 ? at::randn(shape(dims, ndim), gen, opts) : at::rand(shape(dims, ndim), gen, opts));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_from_host(const void* data, const int64_t* dims, int ndim, int dtype) {
    ATR_TRY
    auto cpu = at::TensorOptions().dtype(scalar_type(dtype));
    // from_blob does not own the memory: clone so the tensor outlives the caller's buffer.
    return wrap(at::from_blob(const_cast<void*>(data), shape(dims, ndim), cpu).clone());
    ATR_CATCH(nullptr)
}

ATR_API int atr_to_host(Handle t, void* destination, int64_t bytes) {
    ATR_TRY
    auto cpu = T(t).detach().to(at::kCPU).contiguous();
    const int64_t size = cpu.numel() * static_cast<int64_t>(cpu.element_size());
    if (size != bytes) throw std::invalid_argument("destination holds " + std::to_string(bytes) + " bytes; the tensor has " + std::to_string(size));
    std::memcpy(destination, cpu.data_ptr(), static_cast<size_t>(size));
    return 0;
    ATR_CATCH(-1)
}

ATR_API int atr_item(Handle t, double* value) {
    ATR_TRY
    *value = T(t).item<double>();
    return 0;
    ATR_CATCH(-1)
}

// ---- information ----

ATR_API int atr_dim(Handle t) {
    ATR_TRY
    return static_cast<int>(T(t).dim());
    ATR_CATCH(-1)
}

ATR_API int atr_sizes(Handle t, int64_t* out, int capacity) {
    ATR_TRY
    auto sizes = T(t).sizes();
    if (static_cast<int>(sizes.size()) > capacity) throw std::invalid_argument("size buffer too small");
    for (size_t i = 0; i < sizes.size(); i++) out[i] = sizes[i];
    return static_cast<int>(sizes.size());
    ATR_CATCH(-1)
}

ATR_API int atr_dtype(Handle t) {
    ATR_TRY
    return dtype_code(T(t).scalar_type());
    ATR_CATCH(-1)
}

ATR_API int atr_device(Handle t, int* index) {
    ATR_TRY
    auto d = T(t).device();
    *index = d.has_index() ? d.index() : 0;
    return d.is_cuda() ? 1 : 0;
    ATR_CATCH(-1)
}

ATR_API int atr_requires_grad(Handle t) {
    ATR_TRY
    return T(t).requires_grad() ? 1 : 0;
    ATR_CATCH(-1)
}

ATR_API int atr_set_requires_grad(Handle t, int value) {
    ATR_TRY
    T(t).set_requires_grad(value != 0);
    return 0;
    ATR_CATCH(-1)
}

// ---- elementwise and linear algebra ----

ATR_API Handle atr_unary(int op, Handle a) {
    ATR_TRY
    const auto& x = T(a);
    switch (op) {
        case 0: return wrap(-x);
        case 1: return wrap(x.exp());
        case 2: return wrap(x.log());
        case 3: return wrap(x.sqrt());
        case 4: return wrap(x.rsqrt());
        case 5: return wrap(x.tanh());
        case 6: return wrap(x.sigmoid());
        case 7: return wrap(x.relu());
        case 8: return wrap(at::silu(x));
        case 9: return wrap(at::gelu(x));
        case 10: return wrap(x.abs());
        case 11: return wrap(x.sin());
        case 12: return wrap(x.cos());
        case 13: return wrap(x.square());
        case 14: return wrap(x.logical_not());
        default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
    }
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_binary(int op, Handle a, Handle b) {
    ATR_TRY
    const auto& x = T(a);
    const auto& y = T(b);
    switch (op) {
        case 0: return wrap(x + y);
        case 1: return wrap(x - y);
        case 2: return wrap(x * y);
        case 3: return wrap(x / y);
        case 4: return wrap(x.pow(y));
        case 5: return wrap(at::maximum(x, y));
        case 6: return wrap(at::minimum(x, y));
        case 7: return wrap(at::matmul(x, y));
        case 8: return wrap(at::bmm(x, y));
        case 9: return wrap(x.eq(y));
        case 10: return wrap(x.ne(y));
        case 11: return wrap(x.lt(y));
        case 12: return wrap(x.le(y));
        case 13: return wrap(x.gt(y));
        case 14: return wrap(x.ge(y));
        case 15: return wrap(x.logical_and(y));
        case 16: return wrap(x.logical_or(y));
        default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
    }
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_scalar(int op, Handle a, double s) {
    ATR_TRY
    const auto& x = T(a);
    switch (op) {
        case 0: return wrap(x + s);
        case 1: return wrap(x - s);
        case 2: return wrap(x * s);
        case 3: return wrap(x / s);
        case 4: return wrap(x.pow(s));
        case 5: return wrap(s - x);
        case 6: return wrap(x.clamp_min(s));
        case 7: return wrap(x.clamp_max(s));
        case 8: return wrap(s / x);
        case 9: return wrap(x.eq(s));
        case 10: return wrap(x.lt(s));
        case 11: return wrap(x.gt(s));
        default: throw std::invalid_argument("unknown scalar op " + std::to_string(op));
    }
    ATR_CATCH(nullptr)
}

// ---- reductions (ndims == 0 reduces everything) ----

ATR_API Handle atr_reduce(int op, Handle a, const int64_t* dims, int ndims, int keepdim) {
    ATR_TRY
    const auto& x = T(a);
    const bool keep = keepdim != 0;
    auto d = at::IntArrayRef(dims, static_cast<size_t>(ndims));
    switch (op) {
        case 0: return wrap(ndims == 0 ? x.sum() : x.sum(d, keep));
        case 1: return wrap(ndims == 0 ? x.mean() : x.mean(d, keep));
        case 2: return wrap(ndims == 0 ? x.amax() : x.amax(d, keep));
        case 3: return wrap(ndims == 0 ? x.amin() : x.amin(d, keep));
        case 4: return wrap(x.logsumexp(ndims == 0 ? at::IntArrayRef({-1}) : d, keep));
        case 5:
            if (ndims > 1) throw std::invalid_argument("argmax takes one dimension");
            return wrap(ndims == 0 ? x.argmax() : x.argmax(dims[0], keep));
        default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
    }
    ATR_CATCH(nullptr)
}

// ---- shapes, indexing, joining ----

ATR_API Handle atr_reshape(Handle a, const int64_t* dims, int ndim) {
    ATR_TRY
    return wrap(T(a).reshape(shape(dims, ndim)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_expand(Handle a, const int64_t* dims, int ndim) {
    ATR_TRY
    return wrap(T(a).expand(shape(dims, ndim)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_permute(Handle a, const int64_t* dims, int ndim) {
    ATR_TRY
    return wrap(T(a).permute(shape(dims, ndim)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_transpose(Handle a, int64_t d0, int64_t d1) {
    ATR_TRY
    return wrap(T(a).transpose(d0, d1));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_contiguous(Handle a) {
    ATR_TRY
    return wrap(T(a).contiguous());
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_narrow(Handle a, int64_t dim, int64_t start, int64_t length) {
    ATR_TRY
    return wrap(T(a).narrow(dim, start, length));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_unsqueeze(Handle a, int64_t dim) {
    ATR_TRY
    return wrap(T(a).unsqueeze(dim));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_squeeze(Handle a, int64_t dim) {
    ATR_TRY
    return wrap(T(a).squeeze(dim));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_index_select(Handle a, int64_t dim, Handle index) {
    ATR_TRY
    return wrap(T(a).index_select(dim, T(index)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_gather(Handle a, int64_t dim, Handle index) {
    ATR_TRY
    return wrap(T(a).gather(dim, T(index)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_scatter(Handle a, int64_t dim, Handle index, Handle source) {
    ATR_TRY
    return wrap(T(a).scatter(dim, T(index), T(source)));
    ATR_CATCH(nullptr)
}

// kind 0: cat, 1: stack
ATR_API Handle atr_join(int kind, const Handle* tensors, int count, int64_t dim) {
    ATR_TRY
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; i++) list.push_back(T(tensors[i]));
    return wrap(kind == 0 ? at::cat(list, dim) : at::stack(list, dim));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_masked_fill(Handle a, Handle mask, double value) {
    ATR_TRY
    return wrap(T(a).masked_fill(T(mask), value));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_where(Handle condition, Handle a, Handle b) {
    ATR_TRY
    return wrap(at::where(T(condition), T(a), T(b)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_triu(Handle a, int64_t diagonal) {
    ATR_TRY
    return wrap(T(a).triu(diagonal));
    ATR_CATCH(nullptr)
}

// ---- conversion ----

ATR_API Handle atr_to(Handle a, int dtype, int device_type, int device_index) {
    ATR_TRY
    return wrap(T(a).to(device(device_type, device_index), scalar_type(dtype)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_clone(Handle a) {
    ATR_TRY
    return wrap(T(a).clone());
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_detach(Handle a) {
    ATR_TRY
    return wrap(T(a).detach());
    ATR_CATCH(nullptr)
}

// Copies source into destination's storage without recording autograd history (loading weights).
ATR_API int atr_copy_into(Handle destination, Handle source) {
    ATR_TRY
    at::NoGradGuard no_grad;
    T(destination).copy_(T(source));
    return 0;
    ATR_CATCH(-1)
}

// Points a tensor at another's data in place (moving a module's parameters to another device): the tensor object, and
// every reference to it, stays the same, so a parameter keeps its identity and its requires-grad flag.
ATR_API int atr_set_data(Handle destination, Handle source) {
    ATR_TRY
    at::NoGradGuard no_grad;
    T(destination).set_data(T(source));
    return 0;
    ATR_CATCH(-1)
}

// ---- neural-network building blocks ----

ATR_API Handle atr_softmax(int log, Handle a, int64_t dim) {
    ATR_TRY
    return wrap(log != 0 ? at::log_softmax(T(a), dim) : at::softmax(T(a), dim));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_embedding(Handle weight, Handle indices) {
    ATR_TRY
    return wrap(at::embedding(T(weight), T(indices)));
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_layer_norm(Handle x, Handle weight, Handle bias, double eps) {
    ATR_TRY
    const auto& input = T(x);
    // An undefined tensor stands for "none" (and converts to the optional type of libtorch 1.x and 2.x alike).
    at::Tensor w = weight ? T(weight) : at::Tensor();
    at::Tensor b = bias ? T(bias) : at::Tensor();
    return wrap(at::layer_norm(input, {input.size(-1)}, w, b, eps));
    ATR_CATCH(nullptr)
}

// RMSNorm has no fused kernel in libtorch 1.13: x * rsqrt(mean(x^2) + eps) * weight.
ATR_API Handle atr_rms_norm(Handle x, Handle weight, double eps) {
    ATR_TRY
    const auto& input = T(x);
    auto normed = input * (input.square().mean(-1, true) + eps).rsqrt();
    return wrap(weight ? normed * T(weight) : normed);
    ATR_CATCH(nullptr)
}

ATR_API Handle atr_dropout(Handle x, double p, int train) {
    ATR_TRY
    return wrap(at::dropout(T(x), p, train != 0));
    ATR_CATCH(nullptr)
}

// Scaled dot-product attention over [..., L, D] tensors. libtorch 1.13 has no fused kernel, so this composes
// softmax(q k^T / sqrt(D) + masks) v. Causal masking aligns the last query with the last key (KV caches).
// key_padding (bool, broadcastable to the scores, true = ignore that key) uses a large finite negative rather than
// -inf, so a row whose keys are all padding stays finite instead of producing NaNs that 0 * NaN would spread.
ATR_API Handle atr_attention(Handle q, Handle k, Handle v, int causal, Handle key_padding, double dropout, int train) {
    ATR_TRY
    const auto& query = T(q);
    const auto& key = T(k);
    auto scores = at::matmul(query, key.transpose(-2, -1)) / std::sqrt(static_cast<double>(query.size(-1)));
    if (key_padding != nullptr) {
        scores = scores.masked_fill(T(key_padding), -1e9);
    }
    if (causal != 0) {
        const int64_t lq = query.size(-2);
        const int64_t lk = key.size(-2);
        auto mask = at::ones({lq, lk}, at::TensorOptions().dtype(at::kBool).device(query.device())).triu(lk - lq + 1);
        scores = scores.masked_fill(mask, -std::numeric_limits<double>::infinity());
    }
    auto weights = at::softmax(scores, -1);
    if (dropout > 0 && train != 0) weights = at::dropout(weights, dropout, true);
    return wrap(at::matmul(weights, T(v)));
    ATR_CATCH(nullptr)
}

// reduction: 0 none, 1 mean, 2 sum. Logits [N, C] (log-probabilities for nll), targets [N] int64.
ATR_API Handle atr_cross_entropy(int nll, Handle input, Handle targets, int64_t ignore_index, int reduction) {
    ATR_TRY
    auto log_probs = nll != 0 ? T(input) : at::log_softmax(T(input), -1);
    return wrap(at::nll_loss(log_probs, T(targets), {}, reduction, ignore_index));
    ATR_CATCH(nullptr)
}

// ---- autograd ----

ATR_API int atr_backward(Handle t, Handle gradient) {
    ATR_TRY
    if (gradient) T(t).backward(T(gradient));
    else T(t).backward();
    return 0;
    ATR_CATCH(-1)
}

// Returns null (without an error) when the tensor has no gradient yet.
ATR_API Handle atr_grad(Handle t) {
    ATR_TRY
    last_error.clear();
    const auto& g = T(t).grad();
    return g.defined() ? wrap(g) : nullptr;
    ATR_CATCH(nullptr)
}

ATR_API int atr_zero_grad(Handle t) {
    ATR_TRY
    auto& g = T(t).mutable_grad();
    if (g.defined()) g.zero_();
    return 0;
    ATR_CATCH(-1)
}

ATR_API double atr_clip_grad_norm(const Handle* parameters, int count, double max_norm) {
    ATR_TRY
    std::vector<at::Tensor> list;
    for (int i = 0; i < count; i++) list.push_back(T(parameters[i]));
    return torch::nn::utils::clip_grad_norm_(list, max_norm);
    ATR_CATCH(-1)
}

// ---- AdamW ----

ATR_API void* atr_adamw_new(const Handle* parameters, int count, double lr, double beta1, double beta2, double eps, double weight_decay) {
    ATR_TRY
    std::vector<at::Tensor> list;
    for (int i = 0; i < count; i++) list.push_back(T(parameters[i]));
    auto opts = torch::optim::AdamWOptions(lr).betas({beta1, beta2}).eps(eps).weight_decay(weight_decay);
    return new torch::optim::AdamW(list, opts);
    ATR_CATCH(nullptr)
}

ATR_API int atr_adamw_step(void* optimizer) {
    ATR_TRY
    static_cast<torch::optim::AdamW*>(optimizer)->step();
    return 0;
    ATR_CATCH(-1)
}

ATR_API int atr_adamw_zero_grad(void* optimizer) {
    ATR_TRY
    static_cast<torch::optim::AdamW*>(optimizer)->zero_grad();
    return 0;
    ATR_CATCH(-1)
}

ATR_API int atr_adamw_set_lr(void* optimizer, double lr) {
    ATR_TRY
    for (auto& group : static_cast<torch::optim::AdamW*>(optimizer)->param_groups()) {
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    }
    return 0;
    ATR_CATCH(-1)
}

namespace {

torch::optim::AdamW& adamw(void* optimizer) { return *static_cast<torch::optim::AdamW*>(optimizer); }

// libtorch keys per-parameter state by the address of the parameter's TensorImpl: as a string in 1.x (formatted as a
// stream writes a pointer), as the pointer itself in 2.x. The key type is read off the state map, so one source builds
// against both.
template <typename StateMap>
typename StateMap::key_type key_of(const StateMap&, c10::TensorImpl* impl) {
    if constexpr (std::is_same_v<typename StateMap::key_type, std::string>) {
        std::ostringstream text;
        text << static_cast<const void*>(impl);
        return text.str();
    } else {
        return impl;
    }
}

auto state_key(torch::optim::AdamW& optimizer, int index) {
    auto& params = optimizer.param_groups().at(0).params();
    if (index < 0 || index >= static_cast<int>(params.size())) throw std::out_of_range("parameter index " + std::to_string(index) + " is out of range");
    return key_of(optimizer.state(), params[static_cast<size_t>(index)].unsafeGetTensorImpl());
}

}  // namespace

// Parameter `index`'s moments and step count; returns 1 (and sets nothing) if it has no state yet.
ATR_API int atr_adamw_get_state(void* optimizer, int index, Handle* exp_avg, Handle* exp_avg_sq, int64_t* step) {
    ATR_TRY
    auto& opt = adamw(optimizer);
    auto found = opt.state().find(state_key(opt, index));
    if (found == opt.state().end()) return 1;
    auto& state = static_cast<torch::optim::AdamWParamState&>(*found->second);
    *exp_avg = wrap(state.exp_avg().clone());
    *exp_avg_sq = wrap(state.exp_avg_sq().clone());
    *step = state.step();
    return 0;
    ATR_CATCH(-1)
}

ATR_API int atr_adamw_set_state(void* optimizer, int index, Handle exp_avg, Handle exp_avg_sq, int64_t step) {
    ATR_TRY
    auto& opt = adamw(optimizer);
    auto key = state_key(opt, index);
    const auto& param = opt.param_groups().at(0).params().at(static_cast<size_t>(index));
    if (!T(exp_avg).sizes().equals(param.sizes()) || !T(exp_avg_sq).sizes().equals(param.sizes())) {
        throw std::invalid_argument("optimizer state of parameter " + std::to_string(index) + " does not match its shape");
    }
    auto state = std::make_unique<torch::optim::AdamWParamState>();
    state->step(step);
    state->exp_avg(T(exp_avg).detach().clone().to(param.options()));
    state->exp_avg_sq(T(exp_avg_sq).detach().clone().to(param.options()));
    opt.state()[key] = std::move(state);
    return 0;
    ATR_CATCH(-1)
}

ATR_API void atr_adamw_free(void* optimizer) { delete static_cast<torch::optim::AdamW*>(optimizer); }
