using AgentRL.Torch;

namespace AgentRL.Learning.Policy;

/// <summary>
/// The keys and values each layer has seen so far ([B, H, T, d] per layer), so that decoding one more token costs one
/// token's worth of compute. Owns its tensors: dispose it after generation.
/// </summary>
public sealed class KvCache(int layers) : IDisposable
{
    private readonly Tensor?[] _keys = new Tensor?[layers];
    private readonly Tensor?[] _values = new Tensor?[layers];

    /// <summary>Positions cached so far.</summary>
    public int Length => _keys[0] is { } keys ? (int)keys.Shape[2] : 0;

    /// <summary>Appends this step's keys and values for <paramref name="layer"/> and returns everything cached.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var allKeys = _keys[layer] is { } oldKeys ? Tensor.Cat([oldKeys, keys], 2) : keys.Clone();
        var allValues = _values[layer] is { } oldValues ? Tensor.Cat([oldValues, values], 2) : values.Clone();
        _keys[layer]?.Dispose();
        _values[layer]?.Dispose();
        _keys[layer] = allKeys.DetachFromScope();
        _values[layer] = allValues.DetachFromScope();
        return (allKeys, allValues);
    }

    /// <summary>Replaces the cache by the rows <paramref name="index"/> names (a row may be named many times): one prompt's run serves its copies.</summary>
    internal void SelectRows(Tensor index)
    {
        for (var layer = 0; layer < _keys.Length; layer++)
        {
            if (_keys[layer] is { } keys && _values[layer] is { } values)
            {
                _keys[layer] = keys.IndexSelect(0, index).DetachFromScope();
                _values[layer] = values.IndexSelect(0, index).DetachFromScope();
                keys.Dispose();
                values.Dispose();
            }
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            _keys[i]?.Dispose();
            _values[i]?.Dispose();
            _keys[i] = _values[i] = null;
        }
    }
}
