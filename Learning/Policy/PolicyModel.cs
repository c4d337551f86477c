using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Policy;

/// <summary>
/// A decoder-only transformer in the Llama family: token embedding, pre-norm layers (RMSNorm, rotary positions,
/// causal multi-head attention, SwiGLU MLP), a final RMSNorm and a head tied to the embedding (or not).
/// </summary>
public sealed class PolicyModel : Module
{
    private readonly Embedding _embedding;
    private readonly List<DecoderLayer> _layers = [];
    private readonly RMSNorm _finalNorm;
    private readonly Linear? _head;
    private readonly RotaryEmbedding _rotary;

    public PolicyModel(PolicyConfig config)
    {
        config.Validate();
        Config = config;
        _embedding = RegisterModule("embedding", new Embedding(config.VocabularySize, config.Dimension));
        for (var i = 0; i < config.Layers; i++)
        {
            _layers.Add(RegisterModule($"layers.{i}", new DecoderLayer(config)));
        }

        _finalNorm = RegisterModule("final_norm", new RMSNorm(config.Dimension, config.NormEps));
        _head = config.TieEmbeddings ? null : RegisterModule("head", new Linear(config.Dimension, config.VocabularySize, bias: false));
        _rotary = RegisterModule("rotary", new RotaryEmbedding(config.HeadDimension, config.MaxSequenceLength, config.RopeTheta));
        InitialiseEmbedding();
    }

    public PolicyConfig Config { get; }

    public int LayerCount => _layers.Count;

    /// <summary>Where the weights live (see <see cref="Module.To"/>); inputs are made there.</summary>
    public Device Device => _embedding.Weight.Device;

    /// <summary>
    /// Logits [B, L, V] for tokens [B, L] (int64) at positions start..start+L−1. With a cache, earlier positions come
    /// from it and these are appended. <paramref name="keyPadding"/> is [B, T] (bool, T = all positions so far, true =
    /// padding). With <paramref name="lastPositions"/> = n, logits [B, n, V] are made for the last n positions only:
    /// sampling needs one, scoring a continuation its length, and the head is a fair share of a small model's work.
    /// </summary>
    public Tensor Forward(Tensor tokens, int start = 0, KvCache? cache = null, Tensor? keyPadding = null, int? lastPositions = null)
        => Run(tokens, start, cache, keyPadding, returnHidden: false, lastPositions).Logits;

    /// <summary>The final normalised hidden states [B, L, D] (for representation features).</summary>
    public Tensor HiddenStates(Tensor tokens, Tensor? keyPadding = null)
    {
        var (logits, hidden) = Run(tokens, 0, null, keyPadding, returnHidden: true, lastPositions: 1);
        logits.Dispose();
        return hidden!;
    }

    /// <summary>
    /// The final hidden state [B, D] at each sequence's last token (sequences left-padded into one batch): what a critic
    /// built on this model reads a state or a (state, action) pair as.
    /// </summary>
    public Tensor LastHiddenStates(IReadOnlyList<int[]> sequences, int paddingToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0 || sequences.Any(s => s.Length == 0))
        {
            throw new ArgumentException("Needs at least one sequence, and no empty one.", nameof(sequences));
        }

        using var scope = DisposeScope.Begin();
        var (tokens, padding, length) = LeftPaddedBatch.Build(sequences, paddingToken);
        var batch = sequences.Count;
        var hidden = HiddenStates(Tensor.FromArray(tokens, Device, batch, length), Tensor.FromArray(padding, Device, batch, length));
        return hidden.Narrow(1, length - 1, 1).Squeeze(1).MoveToOuterScope();
    }

    private (Tensor Logits, Tensor? Hidden) Run(Tensor tokens, int start, KvCache? cache, Tensor? keyPadding, bool returnHidden, int? lastPositions)
    {
        using var scope = DisposeScope.Begin();
        var padding = keyPadding?.Unsqueeze(1).Unsqueeze(1);
        var x = _embedding.Forward(tokens);
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].Forward(x, _rotary, start, cache, i, padding);
        }

        var hidden = _finalNorm.Forward(x);
        var length = hidden.Shape[1];
        if (lastPositions is { } n && (n < 1 || n > length))
        {
            throw new ArgumentOutOfRangeException(nameof(lastPositions), n, $"Between 1 and the {length} positions given.");
        }

        var headInput = lastPositions is { } last && last < length ? hidden.Narrow(1, length - last, last) : hidden;
        var logits = _head?.Forward(headInput) ?? headInput.MatMul(_embedding.Weight.Transpose(0, 1));
        logits.MoveToOuterScope();
        if (returnHidden)
        {
            hidden.MoveToOuterScope();
            return (logits, hidden);
        }

        return (logits, null);
    }

    /// <summary>N(0, 0.02²) for the (possibly tied) embedding, as small causal LMs do; N(0, 1) would swamp the logits.</summary>
    private void InitialiseEmbedding()
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = new NoGrad();
        _embedding.Weight.CopyFrom(Tensor.Randn(_embedding.Weight.Shape) * 0.02);
    }
}
