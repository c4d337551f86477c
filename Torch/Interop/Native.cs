using System.Runtime.InteropServices;

namespace AgentRL.Torch.Interop;

/// <summary>The C ABI of the native shim (Torch/native/agentrl_torch.cpp). Handles are opaque at::Tensor pointers.</summary>
internal static partial class Native
{
    private const string Library = "agentrl_torch";

    [LibraryImport(Library)]
    internal static partial IntPtr atr_last_error();

    [LibraryImport(Library)]
    internal static partial void atr_free(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial long atr_live_tensors();

    [LibraryImport(Library)]
    internal static partial int atr_manual_seed(ulong seed);

    [LibraryImport(Library)]
    internal static partial int atr_set_num_threads(int threads);

    [LibraryImport(Library)]
    internal static partial int atr_get_num_threads();

    [LibraryImport(Library)]
    internal static partial int atr_cuda_device_count();

    [LibraryImport(Library)]
    internal static partial int atr_set_grad_enabled(int enabled);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_full(long* dims, int ndim, double value, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_generator_new(ulong seed);

    [LibraryImport(Library)]
    internal static partial void atr_generator_free(IntPtr generator);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_random(int kind, long* dims, int ndim, int dtype, int deviceType, int deviceIndex, IntPtr generator);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_from_host(void* data, long* dims, int ndim, int dtype);

    [LibraryImport(Library)]
    internal static unsafe partial int atr_to_host(IntPtr tensor, void* destination, long bytes);

    [LibraryImport(Library)]
    internal static unsafe partial int atr_item(IntPtr tensor, double* value);

    [LibraryImport(Library)]
    internal static partial int atr_dim(IntPtr tensor);

    [LibraryImport(Library)]
    internal static unsafe partial int atr_sizes(IntPtr tensor, long* sizes, int capacity);

    [LibraryImport(Library)]
    internal static partial int atr_dtype(IntPtr tensor);

    [LibraryImport(Library)]
    internal static unsafe partial int atr_device(IntPtr tensor, int* index);

    [LibraryImport(Library)]
    internal static partial int atr_requires_grad(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int atr_set_requires_grad(IntPtr tensor, int value);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_unary(int op, IntPtr a);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_binary(int op, IntPtr a, IntPtr b);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_scalar(int op, IntPtr a, double scalar);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_reduce(int op, IntPtr a, long* dims, int ndims, int keepdim);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_reshape(IntPtr a, long* dims, int ndim);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_expand(IntPtr a, long* dims, int ndim);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_permute(IntPtr a, long* dims, int ndim);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_transpose(IntPtr a, long dim0, long dim1);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_contiguous(IntPtr a);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_narrow(IntPtr a, long dim, long start, long length);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_unsqueeze(IntPtr a, long dim);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_squeeze(IntPtr a, long dim);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_index_select(IntPtr a, long dim, IntPtr index);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_gather(IntPtr a, long dim, IntPtr index);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_scatter(IntPtr a, long dim, IntPtr index, IntPtr source);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_join(int kind, IntPtr* tensors, int count, long dim);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_masked_fill(IntPtr a, IntPtr mask, double value);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_where(IntPtr condition, IntPtr a, IntPtr b);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_triu(IntPtr a, long diagonal);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_to(IntPtr a, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_clone(IntPtr a);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_detach(IntPtr a);

    [LibraryImport(Library)]
    internal static partial int atr_copy_into(IntPtr destination, IntPtr source);

    [LibraryImport(Library)]
    internal static partial int atr_set_data(IntPtr destination, IntPtr source);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_softmax(int log, IntPtr a, long dim);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_embedding(IntPtr weight, IntPtr indices);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_layer_norm(IntPtr x, IntPtr weight, IntPtr bias, double eps);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_rms_norm(IntPtr x, IntPtr weight, double eps);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_dropout(IntPtr x, double p, int train);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_attention(IntPtr q, IntPtr k, IntPtr v, int causal, IntPtr keyPadding, double dropout, int train);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_cross_entropy(int nll, IntPtr input, IntPtr targets, long ignoreIndex, int reduction);

    [LibraryImport(Library)]
    internal static partial int atr_backward(IntPtr tensor, IntPtr gradient);

    [LibraryImport(Library)]
    internal static partial IntPtr atr_grad(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int atr_zero_grad(IntPtr tensor);

    [LibraryImport(Library)]
    internal static unsafe partial double atr_clip_grad_norm(IntPtr* parameters, int count, double maxNorm);

    [LibraryImport(Library)]
    internal static unsafe partial IntPtr atr_adamw_new(IntPtr* parameters, int count, double lr, double beta1, double beta2, double eps, double weightDecay);

    [LibraryImport(Library)]
    internal static partial int atr_adamw_step(IntPtr optimizer);

    [LibraryImport(Library)]
    internal static partial int atr_adamw_zero_grad(IntPtr optimizer);

    [LibraryImport(Library)]
    internal static partial int atr_adamw_set_lr(IntPtr optimizer, double lr);

    [LibraryImport(Library)]
    internal static unsafe partial int atr_adamw_get_state(IntPtr optimizer, int index, IntPtr* expAvg, IntPtr* expAvgSq, long* step);

    [LibraryImport(Library)]
    internal static partial int atr_adamw_set_state(IntPtr optimizer, int index, IntPtr expAvg, IntPtr expAvgSq, long step);

    [LibraryImport(Library)]
    internal static partial void atr_adamw_free(IntPtr optimizer);

    /// <summary>Turns a null handle into the libtorch error it stands for.</summary>
    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw LastError();

    internal static void Check(int status)
    {
        if (status < 0)
        {
            throw LastError();
        }
    }

    internal static TorchException LastError() =>
        new(Marshal.PtrToStringUTF8(atr_last_error()) is { Length: > 0 } message ? message : "libtorch reported an unspecified error");
}
