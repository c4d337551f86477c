using System.Globalization;
using AgentRL.Torch;
using AgentRL.Torch.Optim;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Checkpoints;

/// <summary>
/// AdamW's state as one safetensors file: each parameter's moments as tensors "i.exp_avg" and "i.exp_avg_sq" (i = its
/// index in the optimizer), its step count in the metadata as "i.step"; parameters without state yet are absent.
/// </summary>
public static class OptimizerStateFile
{
    public static void Save(string path, AdamW optimizer)
    {
        var states = optimizer.ExportState();
        try
        {
            var tensors = new Dictionary<string, Tensor>();
            var metadata = new Dictionary<string, string>();
            for (var i = 0; i < states.Count; i++)
            {
                if (states[i] is { } state)
                {
                    tensors[$"{i}.exp_avg"] = state.ExpAvg;
                    tensors[$"{i}.exp_avg_sq"] = state.ExpAvgSq;
                    metadata[$"{i}.step"] = state.Step.ToString(CultureInfo.InvariantCulture);
                }
            }

            SafeTensors.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var state in states)
            {
                state?.Dispose();
            }
        }
    }

    /// <summary>Restores the state into an optimizer over parameters named <paramref name="names"/> (for messages), in order.</summary>
    public static void Load(string path, AdamW optimizer, IReadOnlyList<string> names)
    {
        var metadata = SafeTensors.ReadMetadata(path);
        var tensors = SafeTensors.Load(path);
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (!metadata.TryGetValue($"{i}.step", out var stepText))
                {
                    continue;
                }

                if (!tensors.TryGetValue($"{i}.exp_avg", out var expAvg) || !tensors.TryGetValue($"{i}.exp_avg_sq", out var expAvgSq) ||
                    !long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                {
                    throw new InvalidDataException($"'{path}' has an incomplete state for parameter {i} ({names[i]}).");
                }

                try
                {
                    optimizer.ImportState(i, new AdamWParameterState(expAvg, expAvgSq, step));
                }
                catch (TorchException e)
                {
                    throw new InvalidDataException($"'{path}' does not fit parameter {names[i]}: {e.Message}");
                }
            }
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
