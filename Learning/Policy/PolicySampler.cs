using AgentRL.Environments.Generation;
using AgentRL.Torch;

namespace AgentRL.Learning.Policy;

/// <summary>
/// Batched, KV-cached sampling. Prompts are left-padded to a common length (padding masked out of attention; rotary
/// positions make the shift harmless), the prompt is run once, then one token per step for every unfinished sequence.
/// Choosing tokens happens on the host with a seeded generator, so sampling is reproducible.
/// </summary>
public static class PolicySampler
{
    public static GeneratedSequence[] Generate(PolicyModel model, IReadOnlyList<int[]> prompts, SamplingOptions options, DeterministicRandom random)
    {
        options.Validate();
        if (prompts.Count == 0)
        {
            return [];
        }

        var batch = prompts.Count;
        var promptLength = prompts.Max(p => p.Length);
        if (promptLength == 0 || prompts.Any(p => p.Length == 0))
        {
            throw new ArgumentException("Every prompt needs at least one token.", nameof(prompts));
        }

        var total = promptLength + options.MaxNewTokens;
        if (total > model.Config.MaxSequenceLength)
        {
            throw new ArgumentException($"Prompt ({promptLength}) plus new tokens ({options.MaxNewTokens}) exceed the model's {model.Config.MaxSequenceLength} positions.");
        }

        var padding = new bool[batch * total];
        var tokens = new long[batch * promptLength];
        for (var b = 0; b < batch; b++)
        {
            var offset = promptLength - prompts[b].Length;
            for (var i = 0; i < promptLength; i++)
            {
                var isPadding = i < offset;
                padding[b * total + i] = isPadding;
                tokens[b * promptLength + i] = isPadding ? options.PaddingToken : prompts[b][i - offset];
            }
        }

        var outputs = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
        var logProbs = Enumerable.Range(0, batch).Select(_ => new List<float>()).ToArray();
        var stopped = new bool[batch];
        var finished = new bool[batch];

        using var noGrad = new NoGrad();
        using var cache = new KvCache(model.LayerCount);
        // Read once: each read asks libtorch, and the decoding loop makes inputs every step.
        var device = model.Device;
        float[] logits;
        using (DisposeScope.Begin())
        {
            var input = Tensor.FromArray(tokens, device, batch, promptLength);
            var mask = Mask(padding, batch, total, promptLength, device);
            // Episodes of a group often ask with the same prompt: each distinct prompt is run once and its cache copied.
            var (representatives, rowOf) = DistinctRows.Find(prompts);
            if (representatives.Length < batch)
            {
                var distinct = Tensor.FromArray(representatives.Select(r => (long)r).ToArray(), device, representatives.Length);
                var forward = model.Forward(input.IndexSelect(0, distinct), 0, cache, mask.IndexSelect(0, distinct), lastPositions: 1);
                var copies = Tensor.FromArray(rowOf, device, batch);
                cache.SelectRows(copies);
                logits = LastLogits(forward.IndexSelect(0, copies));
            }
            else
            {
                logits = LastLogits(model.Forward(input, 0, cache, mask, lastPositions: 1));
            }
        }

        var vocabulary = model.Config.VocabularySize;
        for (var step = 0; step < options.MaxNewTokens; step++)
        {
            var next = new long[batch];
            for (var b = 0; b < batch; b++)
            {
                if (finished[b])
                {
                    next[b] = options.PaddingToken;
                    padding[b * total + promptLength + step] = true;
                    continue;
                }

                var (token, logProb) = Choose(logits.AsSpan(b * vocabulary, vocabulary), options, random);
                outputs[b].Add(token);
                logProbs[b].Add(logProb);
                next[b] = token;
                if (options.StopTokens.Contains(token))
                {
                    finished[b] = stopped[b] = true;
                }
                else if (outputs[b].Count == options.MaxNewTokens)
                {
                    finished[b] = true;
                }
            }

            if (finished.All(f => f) || step == options.MaxNewTokens - 1)
            {
                break;
            }

            using (DisposeScope.Begin())
            {
                var input = Tensor.FromArray(next, device, batch, 1);
                logits = LastLogits(model.Forward(input, promptLength + step, cache, Mask(padding, batch, total, promptLength + step + 1, device)));
            }
        }

        return Enumerable.Range(0, batch).Select(b => new GeneratedSequence([.. outputs[b]], [.. logProbs[b]], stopped[b])).ToArray();
    }

    /// <summary>Picks a token from one row of logits; returns it with its log-probability under logits / temperature.</summary>
    internal static (int Token, float LogProb) Choose(ReadOnlySpan<float> logits, SamplingOptions options, DeterministicRandom random)
    {
        var scaled = new double[logits.Length];
        var max = double.NegativeInfinity;
        for (var i = 0; i < logits.Length; i++)
        {
            scaled[i] = logits[i] / options.Temperature;
            max = Math.Max(max, scaled[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < scaled.Length; i++)
        {
            sum += Math.Exp(scaled[i] - max);
        }

        var logSum = max + Math.Log(sum);
        int token;
        if (options.Greedy)
        {
            token = 0;
            for (var i = 1; i < scaled.Length; i++)
            {
                if (scaled[i] > scaled[token])
                {
                    token = i;
                }
            }
        }
        else
        {
            token = Sample(scaled, logSum, options.TopP, random);
        }

        return (token, (float)(scaled[token] - logSum));
    }

    private static int Sample(double[] scaled, double logSum, double topP, DeterministicRandom random)
    {
        var order = Enumerable.Range(0, scaled.Length).ToArray();
        Array.Sort(order, (a, b) => scaled[b] != scaled[a] ? scaled[b].CompareTo(scaled[a]) : a.CompareTo(b));
        var kept = 0;
        var mass = 0.0;
        while (kept < order.Length && (kept == 0 || mass < topP))
        {
            mass += Math.Exp(scaled[order[kept]] - logSum);
            kept++;
        }

        var target = random.NextDouble() * mass;
        var cumulative = 0.0;
        for (var i = 0; i < kept; i++)
        {
            cumulative += Math.Exp(scaled[order[i]] - logSum);
            if (target < cumulative)
            {
                return order[i];
            }
        }

        return order[kept - 1];
    }

    private static float[] LastLogits(Tensor logits)
    {
        var length = logits.Shape[1];
        return logits.Narrow(1, length - 1, 1).Contiguous().ToArray<float>();
    }

    private static Tensor Mask(bool[] padding, int batch, int total, int length, Device device)
    {
        var mask = new bool[batch * length];
        for (var b = 0; b < batch; b++)
        {
            Array.Copy(padding, b * total, mask, b * length, length);
        }

        return Tensor.FromArray(mask, device, batch, length);
    }
}
