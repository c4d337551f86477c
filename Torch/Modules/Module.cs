namespace AgentRL.Torch.Modules;

/// <summary>
/// A network component with named parameters and submodules, as in PyTorch: parameter names are dotted paths
/// ("layers.0.attention.query.weight") used by state dictionaries and checkpoints. Disposing a module frees its
/// parameters and those of its submodules.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];
    private readonly List<(string Name, Module Module)> _modules = [];
    private readonly List<Tensor> _buffers = [];

    /// <summary>Training mode (dropout active) versus evaluation mode.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Every parameter with its dotted name, this module's first, then each submodule's in registration order.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (var entry in _parameters)
        {
            yield return entry;
        }

        foreach (var (prefix, module) in _modules)
        {
            foreach (var (name, parameter) in module.NamedParameters())
            {
                yield return ($"{prefix}.{name}", parameter);
            }
        }
    }

    public IReadOnlyList<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter).ToList();

    public long ParameterCount => Parameters().Sum(p => p.NumElements);

    /// <summary>The parameters by name (the live tensors, not copies).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() =>
        NamedParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter, StringComparer.Ordinal);

    /// <summary>
    /// Copies <paramref name="state"/> into the parameters. Every parameter must be present with its exact shape and
    /// dtype, and (when <paramref name="strict"/>) nothing else may be; otherwise nothing is changed.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var parameters = NamedParameters().ToList();
        var problems = new List<string>();
        foreach (var (name, parameter) in parameters)
        {
            if (!state.TryGetValue(name, out var value))
            {
                problems.Add($"missing '{name}'");
            }
            else if (!value.Shape.SequenceEqual(parameter.Shape) || value.DType != parameter.DType)
            {
                problems.Add($"'{name}' is {value.DType}[{string.Join(", ", value.Shape)}], expected {parameter.DType}[{string.Join(", ", parameter.Shape)}]");
            }
        }

        if (strict)
        {
            var known = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(state.Keys.Where(k => !known.Contains(k)).Select(k => $"unexpected '{k}'"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The state does not fit {GetType().Name}: {string.Join("; ", problems)}.");
        }

        foreach (var (name, parameter) in parameters)
        {
            parameter.CopyFrom(state[name]);
        }
    }

    /// <summary>
    /// Moves every parameter and buffer, this module's and its submodules', to <paramref name="device"/> in place, as
    /// PyTorch's <c>module.to(device)</c> does: references to the parameters stay valid. Do it before an optimiser is
    /// made for them (its state is made where the parameters are). Returns this module.
    /// </summary>
    public Module To(Device device)
    {
        foreach (var (_, parameter) in NamedParameters())
        {
            MoveInPlace(parameter, device);
        }

        MoveBuffers(device);
        return this;
    }

    private void MoveBuffers(Device device)
    {
        foreach (var buffer in _buffers)
        {
            MoveInPlace(buffer, device);
        }

        foreach (var (_, module) in _modules)
        {
            module.MoveBuffers(device);
        }
    }

    private static void MoveInPlace(Tensor tensor, Device device)
    {
        if (tensor.Device == device)
        {
            return;
        }

        using var detached = tensor.Detach();
        using var moved = detached.To(device);
        tensor.SetData(moved);
    }

    public void Train(bool training = true)
    {
        Training = training;
        foreach (var (_, module) in _modules)
        {
            module.Train(training);
        }
    }

    public void Eval() => Train(false);

    public void ZeroGrad()
    {
        foreach (var parameter in Parameters())
        {
            parameter.ZeroGrad();
        }
    }

    public void Dispose()
    {
        foreach (var (_, parameter) in _parameters)
        {
            parameter.Dispose();
        }

        foreach (var (_, module) in _modules)
        {
            module.Dispose();
        }

        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected Parameter RegisterParameter(string name, Tensor initial)
    {
        var parameter = new Parameter(initial);
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>
    /// A constant tensor the module owns (rotary tables, masks): freed with the module, not trained, not in the state
    /// dictionary (it is rebuilt from the configuration).
    /// </summary>
    protected Tensor RegisterBuffer(Tensor tensor)
    {
        tensor.DetachFromScope();
        _buffers.Add(tensor);
        return tensor;
    }

    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module
    {
        _modules.Add((name, module));
        return module;
    }
}
