using System.Runtime.CompilerServices;
using AgentRL.Torch.Interop;

namespace AgentRL.Torch;

/// <summary>
/// A libtorch tensor. Dispose it (or create it inside a <see cref="DisposeScope"/>) to free its native memory
/// deterministically; a finalizer is only the safety net. Operations return new tensors and never throw native
/// errors at the process: libtorch's complaints arrive as <see cref="TorchException"/>.
/// </summary>
public class Tensor : IDisposable
{
    private IntPtr _handle;

    internal Tensor(IntPtr handle)
        : this(handle, trackInScope: true)
    {
    }

    private protected Tensor(IntPtr handle, bool trackInScope)
    {
        _handle = Native.Check(handle);
        if (trackInScope)
        {
            DisposeScope.Current?.Register(this);
        }
    }

    ~Tensor() => Free();

    internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Tensor), "This tensor has been disposed.");

    public bool IsDisposed => _handle == IntPtr.Zero;

    // ---- creation ----

    public static Tensor Zeros(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    public static unsafe Tensor Full(long[] shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        TorchRuntime.EnsureChecked();
        var d = device ?? Device.Cpu;
        fixed (long* dims = shape)
        {
            return new Tensor(Native.atr_full(dims, shape.Length, value, (int)dtype, (int)d.Type, d.Index));
        }
    }

    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return new Tensor(Native.atr_arange(start, end, step, (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>
    /// Standard normal samples from <paramref name="generator"/>, or from the default generator (see
    /// <see cref="TorchRuntime.ManualSeed"/>) when none is given.
    /// </summary>
    public static Tensor Randn(long[] shape, DType dtype = DType.Float32, Device? device = null, Generator? generator = null) =>
        Random(0, shape, dtype, device, generator);

    /// <summary>Uniform samples in [0, 1) from <paramref name="generator"/> or the default generator.</summary>
    public static Tensor Rand(long[] shape, DType dtype = DType.Float32, Device? device = null, Generator? generator = null) =>
        Random(1, shape, dtype, device, generator);

    public static Tensor FromArray(float[] data, params long[] shape) => FromHost(data, DType.Float32, shape);

    public static Tensor FromArray(double[] data, params long[] shape) => FromHost(data, DType.Float64, shape);

    public static Tensor FromArray(long[] data, params long[] shape) => FromHost(data, DType.Int64, shape);

    public static Tensor FromArray(int[] data, params long[] shape) => FromHost(data, DType.Int32, shape);

    public static Tensor FromArray(bool[] data, params long[] shape) => FromHost(data, DType.Bool, shape);

    public static Tensor FromArray(byte[] data, params long[] shape) => FromHost(data, DType.UInt8, shape);

    /// <summary>Host data copied onto <paramref name="device"/> (a model's inputs, wherever the model lives).</summary>
    public static Tensor FromArray(float[] data, Device device, params long[] shape) => OnDevice(FromHost(data, DType.Float32, shape), device);

    /// <inheritdoc cref="FromArray(float[], Device, long[])"/>
    public static Tensor FromArray(long[] data, Device device, params long[] shape) => OnDevice(FromHost(data, DType.Int64, shape), device);

    /// <inheritdoc cref="FromArray(float[], Device, long[])"/>
    public static Tensor FromArray(bool[] data, Device device, params long[] shape) => OnDevice(FromHost(data, DType.Bool, shape), device);

    /// <summary>A tensor of raw little-endian bytes (as read from a safetensors file).</summary>
    public static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, DType dtype, long[] shape)
    {
        var expected = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(dtype);
        if (bytes.Length != expected)
        {
            throw new ArgumentException($"{bytes.Length} bytes do not hold a {dtype} tensor of shape [{string.Join(", ", shape)}] ({expected} bytes).");
        }

        fixed (byte* data = bytes)
        fixed (long* dims = shape)
        {
            return new Tensor(Native.atr_from_host(data, dims, shape.Length, (int)dtype));
        }
    }

    // ---- information ----

    public unsafe long[] Shape
    {
        get
        {
            Span<long> sizes = stackalloc long[16];
            int rank;
            fixed (long* buffer = sizes)
            {
                rank = Native.atr_sizes(Handle, buffer, sizes.Length);
            }

            Native.Check(rank);
            return sizes[..rank].ToArray();
        }
    }

    public int Rank => Native.atr_dim(Handle);

    public long NumElements => Shape.Aggregate(1L, (a, b) => a * b);

    public DType DType => (DType)Native.atr_dtype(Handle);

    public unsafe Device Device
    {
        get
        {
            int index;
            var type = Native.atr_device(Handle, &index);
            Native.Check(type);
            return new Device((DeviceType)type, index);
        }
    }

    public bool RequiresGrad
    {
        get => Native.atr_requires_grad(Handle) == 1;
        set => Native.Check(Native.atr_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>The accumulated gradient (a new handle to it), or null before any backward pass reached this tensor.</summary>
    public Tensor? Grad
    {
        get
        {
            var grad = Native.atr_grad(Handle);
            return grad == IntPtr.Zero ? null : new Tensor(grad);
        }
    }

    /// <summary>Copies the elements to a new array; <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var expected = DTypeOf<T>();
        if (DType != expected)
        {
            throw new InvalidOperationException($"This tensor holds {DType}; read it as {expected} only after .To({expected}).");
        }

        var result = new T[NumElements];
        fixed (T* destination = result)
        {
            Native.Check(Native.atr_to_host(Handle, destination, (long)result.Length * sizeof(T)));
        }

        return result;
    }

    /// <summary>The raw little-endian bytes of the elements (for safetensors).</summary>
    public unsafe byte[] ToBytes()
    {
        var result = new byte[NumElements * ElementSize(DType)];
        fixed (byte* destination = result)
        {
            Native.Check(Native.atr_to_host(Handle, destination, result.Length));
        }

        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public unsafe double Item()
    {
        double value;
        Native.Check(Native.atr_item(Handle, &value));
        return value;
    }

    // ---- elementwise ----

    public Tensor Neg() => Unary(0);

    public Tensor Exp() => Unary(1);

    public Tensor Log() => Unary(2);

    public Tensor Sqrt() => Unary(3);

    public Tensor Rsqrt() => Unary(4);

    public Tensor Tanh() => Unary(5);

    public Tensor Sigmoid() => Unary(6);

    public Tensor Relu() => Unary(7);

    public Tensor Silu() => Unary(8);

    public Tensor Gelu() => Unary(9);

    public Tensor Abs() => Unary(10);

    public Tensor Sin() => Unary(11);

    public Tensor Cos() => Unary(12);

    public Tensor Square() => Unary(13);

    public Tensor LogicalNot() => Unary(14);

    public Tensor Add(Tensor other) => Binary(0, other);

    public Tensor Sub(Tensor other) => Binary(1, other);

    public Tensor Mul(Tensor other) => Binary(2, other);

    public Tensor Div(Tensor other) => Binary(3, other);

    public Tensor Pow(Tensor exponent) => Binary(4, exponent);

    public Tensor Maximum(Tensor other) => Binary(5, other);

    public Tensor Minimum(Tensor other) => Binary(6, other);

    /// <summary>Matrix product with broadcasting of leading dimensions.</summary>
    public Tensor MatMul(Tensor other) => Binary(7, other);

    /// <summary>Batched matrix product of [B, N, M] by [B, M, P].</summary>
    public Tensor Bmm(Tensor other) => Binary(8, other);

    public Tensor Eq(Tensor other) => Binary(9, other);

    public Tensor Ne(Tensor other) => Binary(10, other);

    public Tensor Lt(Tensor other) => Binary(11, other);

    public Tensor Le(Tensor other) => Binary(12, other);

    public Tensor Gt(Tensor other) => Binary(13, other);

    public Tensor Ge(Tensor other) => Binary(14, other);

    public Tensor LogicalAnd(Tensor other) => Binary(15, other);

    public Tensor LogicalOr(Tensor other) => Binary(16, other);

    public Tensor Add(double value) => Scalar(0, value);

    public Tensor Sub(double value) => Scalar(1, value);

    public Tensor Mul(double value) => Scalar(2, value);

    public Tensor Div(double value) => Scalar(3, value);

    public Tensor Pow(double exponent) => Scalar(4, exponent);

    public Tensor ClampMin(double min) => Scalar(6, min);

    public Tensor ClampMax(double max) => Scalar(7, max);

    public Tensor Clamp(double min, double max)
    {
        using var low = ClampMin(min);
        return low.ClampMax(max);
    }

    public Tensor Eq(double value) => Scalar(9, value);

    public Tensor Lt(double value) => Scalar(10, value);

    public Tensor Gt(double value) => Scalar(11, value);

    // ---- reductions ----

    public Tensor Sum(params long[] dims) => Reduce(0, dims, keepDim: false);

    public Tensor Sum(long[] dims, bool keepDim) => Reduce(0, dims, keepDim);

    public Tensor Mean(params long[] dims) => Reduce(1, dims, keepDim: false);

    public Tensor Mean(long[] dims, bool keepDim) => Reduce(1, dims, keepDim);

    public Tensor Max(params long[] dims) => Reduce(2, dims, keepDim: false);

    public Tensor Max(long[] dims, bool keepDim) => Reduce(2, dims, keepDim);

    public Tensor Min(params long[] dims) => Reduce(3, dims, keepDim: false);

    public Tensor LogSumExp(long dim, bool keepDim = false) => Reduce(4, [dim], keepDim);

    public Tensor ArgMax(long dim, bool keepDim = false) => Reduce(5, [dim], keepDim);

    // ---- shape, indexing, joining ----

    public unsafe Tensor Reshape(params long[] shape)
    {
        fixed (long* dims = shape)
        {
            return new Tensor(Native.atr_reshape(Handle, dims, shape.Length));
        }
    }

    public unsafe Tensor Expand(params long[] shape)
    {
        fixed (long* dims = shape)
        {
            return new Tensor(Native.atr_expand(Handle, dims, shape.Length));
        }
    }

    public unsafe Tensor Permute(params long[] dims)
    {
        fixed (long* d = dims)
        {
            return new Tensor(Native.atr_permute(Handle, d, dims.Length));
        }
    }

    public Tensor Transpose(long dim0, long dim1) => new(Native.atr_transpose(Handle, dim0, dim1));

    public Tensor Contiguous() => new(Native.atr_contiguous(Handle));

    /// <summary>Elements [start, start + length) along <paramref name="dim"/> (a view).</summary>
    public Tensor Narrow(long dim, long start, long length) => new(Native.atr_narrow(Handle, dim, start, length));

    public Tensor Unsqueeze(long dim) => new(Native.atr_unsqueeze(Handle, dim));

    public Tensor Squeeze(long dim) => new(Native.atr_squeeze(Handle, dim));

    public Tensor IndexSelect(long dim, Tensor index) => new(Native.atr_index_select(Handle, dim, index.Handle));

    public Tensor Gather(long dim, Tensor index) => new(Native.atr_gather(Handle, dim, index.Handle));

    public Tensor Scatter(long dim, Tensor index, Tensor source) => new(Native.atr_scatter(Handle, dim, index.Handle, source.Handle));

    public Tensor MaskedFill(Tensor mask, double value) => new(Native.atr_masked_fill(Handle, mask.Handle, value));

    /// <summary>Elements of this tensor where <paramref name="condition"/> holds, else of <paramref name="other"/>.</summary>
    public Tensor Where(Tensor condition, Tensor other) => new(Native.atr_where(condition.Handle, Handle, other.Handle));

    public Tensor Triu(long diagonal = 0) => new(Native.atr_triu(Handle, diagonal));

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(0, tensors, dim);

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(1, tensors, dim);

    // ---- conversion and autograd ----

    public Tensor To(DType dtype) => new(Native.atr_to(Handle, (int)dtype, (int)Device.Type, Device.Index));

    public Tensor To(Device device) => new(Native.atr_to(Handle, (int)DType, (int)device.Type, device.Index));

    public Tensor Clone() => new(Native.atr_clone(Handle));

    /// <summary>The same data, cut from the autograd graph.</summary>
    public Tensor Detach() => new(Native.atr_detach(Handle));

    /// <summary>Overwrites this tensor's elements with <paramref name="source"/>'s, recording no autograd history.</summary>
    public void CopyFrom(Tensor source) => Native.Check(Native.atr_copy_into(Handle, source.Handle));

    /// <summary>Makes this tensor object hold <paramref name="source"/>'s data (its device and dtype too), in place.</summary>
    internal void SetData(Tensor source) => Native.Check(Native.atr_set_data(Handle, source.Handle));

    /// <summary>Back-propagates from this (scalar) tensor, accumulating gradients into the leaves.</summary>
    public void Backward(Tensor? gradient = null) => Native.Check(Native.atr_backward(Handle, gradient?.Handle ?? IntPtr.Zero));

    public void ZeroGrad() => Native.Check(Native.atr_zero_grad(Handle));

    // ---- neural-network building blocks ----

    public Tensor Softmax(long dim) => new(Native.atr_softmax(0, Handle, dim));

    public Tensor LogSoftmax(long dim) => new(Native.atr_softmax(1, Handle, dim));

    public Tensor Dropout(double p, bool training) => new(Native.atr_dropout(Handle, p, training ? 1 : 0));

    public static Tensor Embedding(Tensor weight, Tensor indices) => new(Native.atr_embedding(weight.Handle, indices.Handle));

    /// <summary>Layer norm over the last dimension, with optional affine weight and bias.</summary>
    public Tensor LayerNorm(Tensor? weight, Tensor? bias, double eps = 1e-5) =>
        new(Native.atr_layer_norm(Handle, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps));

    /// <summary>RMS norm over the last dimension: x / sqrt(mean(x²) + eps) · weight.</summary>
    public Tensor RmsNorm(Tensor? weight, double eps = 1e-6) => new(Native.atr_rms_norm(Handle, weight?.Handle ?? IntPtr.Zero, eps));

    /// <summary>
    /// softmax(q kᵀ / √d [+ masks]) v over [..., L, d] tensors; with a causal mask the last query sees all keys,
    /// earlier ones only keys up to their own position (so it also serves KV-cached decoding). <paramref name="keyPadding"/>
    /// (bool, broadcastable to [..., L, T], true = ignore that key) hides padding.
    /// </summary>
    public static Tensor Attention(Tensor query, Tensor key, Tensor value, bool causal, Tensor? keyPadding = null, double dropout = 0, bool training = false) =>
        new(Native.atr_attention(query.Handle, key.Handle, value.Handle, causal ? 1 : 0, keyPadding?.Handle ?? IntPtr.Zero, dropout, training ? 1 : 0));

    /// <summary>Cross-entropy of logits [N, C] against class indices [N]; targets equal to <paramref name="ignoreIndex"/> are skipped.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) =>
        new(Native.atr_cross_entropy(0, logits.Handle, targets.Handle, ignoreIndex, (int)reduction));

    /// <summary>Negative log-likelihood of log-probabilities [N, C] at class indices [N].</summary>
    public static Tensor NllLoss(Tensor logProbabilities, Tensor targets, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) =>
        new(Native.atr_cross_entropy(1, logProbabilities.Handle, targets.Handle, ignoreIndex, (int)reduction));

    // ---- operators ----

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    public static Tensor operator -(Tensor a) => a.Neg();

    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    public static Tensor operator -(Tensor a, double b) => a.Sub(b);

    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    public static Tensor operator +(double a, Tensor b) => b.Add(a);

    public static Tensor operator -(double a, Tensor b) => b.Scalar(5, a);

    public static Tensor operator *(double a, Tensor b) => b.Mul(a);

    public static Tensor operator /(double a, Tensor b) => b.Scalar(8, a);

    // ---- lifetime ----

    /// <summary>Hands this tensor to the enclosing scope (or to the caller, outside any scope) when the current one ends.</summary>
    public Tensor MoveToOuterScope()
    {
        if (DisposeScope.Current is { } scope)
        {
            scope.Detach(this);
            scope.Outer?.Register(this);
        }

        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: the caller now owns it (caches, buffers).</summary>
    public Tensor DetachFromScope()
    {
        for (var scope = DisposeScope.Current; scope is not null; scope = scope.Outer)
        {
            scope.Detach(this);
        }

        return this;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => IsDisposed ? "Tensor(disposed)" : $"Tensor[{string.Join(", ", Shape)}] {DType} on {Device}";

    /// <summary>Takes the native tensor away from this object (for <see cref="Modules.Parameter"/>); this object becomes disposed.</summary>
    internal IntPtr Release()
    {
        var handle = Handle;
        _handle = IntPtr.Zero;
        DisposeScope.Current?.Detach(this);
        GC.SuppressFinalize(this);
        return handle;
    }

    internal static long ElementSize(DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.Float16 or DType.BFloat16 => 2,
        _ => 1,
    };

    private static DType DTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : typeof(T) == typeof(long) ? DType.Int64
        : typeof(T) == typeof(int) ? DType.Int32
        : typeof(T) == typeof(bool) ? DType.Bool
        : typeof(T) == typeof(byte) ? DType.UInt8
        : typeof(T) == typeof(Half) ? DType.Float16
        : throw new NotSupportedException($"{typeof(T).Name} is not a tensor element type.");

    private static Tensor OnDevice(Tensor host, Device device)
    {
        if (device.Type == DeviceType.Cpu)
        {
            return host;
        }

        using (host)
        {
            return host.To(device);
        }
    }

    private static unsafe Tensor FromHost<T>(T[] data, DType dtype, long[] shape) where T : unmanaged
    {
        TorchRuntime.EnsureChecked();
        var dims = shape.Length == 0 ? [data.LongLength] : shape;
        if (dims.Aggregate(1L, (a, b) => a * b) != data.LongLength)
        {
            throw new ArgumentException($"{data.Length} elements do not fill shape [{string.Join(", ", dims)}].");
        }

        fixed (T* values = data)
        fixed (long* d = dims)
        {
            return new Tensor(Native.atr_from_host(values, d, dims.Length, (int)dtype));
        }
    }

    private static unsafe Tensor Random(int kind, long[] shape, DType dtype, Device? device, Generator? generator)
    {
        TorchRuntime.EnsureChecked();
        var d = device ?? Device.Cpu;
        fixed (long* dims = shape)
        {
            return new Tensor(Native.atr_random(kind, dims, shape.Length, (int)dtype, (int)d.Type, d.Index, generator?.Handle ?? IntPtr.Zero));
        }
    }

    private static unsafe Tensor Join(int kind, IReadOnlyList<Tensor> tensors, long dim)
    {
        var handles = tensors.Select(t => t.Handle).ToArray();
        fixed (IntPtr* h = handles)
        {
            return new Tensor(Native.atr_join(kind, h, handles.Length, dim));
        }
    }

    private Tensor Unary(int op) => new(Native.atr_unary(op, Handle));

    private Tensor Binary(int op, Tensor other) => new(Native.atr_binary(op, Handle, other.Handle));

    private Tensor Scalar(int op, double value) => new(Native.atr_scalar(op, Handle, value));

    private unsafe Tensor Reduce(int op, long[] dims, bool keepDim)
    {
        fixed (long* d = dims)
        {
            return new Tensor(Native.atr_reduce(op, Handle, d, dims.Length, keepDim ? 1 : 0));
        }
    }

    private void Free()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            Native.atr_free(handle);
        }
    }
}
