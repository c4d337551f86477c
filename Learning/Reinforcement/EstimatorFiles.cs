using System.Text.Json;
using AgentRL.Torch.Modules;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Reading back what a learned estimator saved: required files, module weights and its small JSON state, each failing
/// with <see cref="InvalidDataException"/> that names the file and the estimator when something is missing or broken.
/// </summary>
internal static class EstimatorFiles
{
    /// <summary>The path of <paramref name="file"/> in <paramref name="folder"/>, which must exist.</summary>
    public static string Required(string folder, string file, string estimator)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new InvalidDataException($"'{folder}' has no {file}: it holds no saved {estimator}.");
    }

    public static void LoadWeights(Module module, string folder, string file, string estimator)
    {
        var tensors = SafeTensors.Load(Required(folder, file, estimator));
        try
        {
            module.LoadStateDict(tensors);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    public static void WriteCount(string folder, string file, string name, int value) =>
        File.WriteAllText(Path.Combine(folder, file), JsonSerializer.Serialize(new Dictionary<string, int> { [name] = value }));

    /// <summary>A non-negative count that <see cref="WriteCount"/> stored under <paramref name="name"/>.</summary>
    public static int ReadCount(string folder, string file, string name, string estimator)
    {
        var path = Required(folder, file, estimator);
        try
        {
            var state = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path));
            return state is not null && state.TryGetValue(name, out var value) && value >= 0
                ? value
                : throw new InvalidDataException($"'{path}' records no {name} count.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}");
        }
    }
}
