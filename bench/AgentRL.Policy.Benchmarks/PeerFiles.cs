using System.Globalization;
using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Serialization;

namespace AgentRL.Policy.Benchmarks;

/// <summary>
/// What the PyTorch peer reads, in a temporary directory removed on dispose: the policy's weights (safetensors, with
/// the configuration in the metadata, so the peer builds the same shape) and the inputs plus our reference outputs.
/// </summary>
internal sealed class PeerFiles : IDisposable
{
    private PeerFiles(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string WeightsPath => Path.Combine(Directory, "weights.safetensors");

    public string InputsPath => Path.Combine(Directory, "inputs.safetensors");

    public static PeerFiles Write(PolicyModel model, IReadOnlyDictionary<string, Tensor> inputs)
    {
        var files = new PeerFiles(System.IO.Directory.CreateTempSubdirectory("agentrl-policy-bench-").FullName);
        try
        {
            SafeTensors.Save(files.WeightsPath, model.StateDict(), Describe(model.Config));
            SafeTensors.Save(files.InputsPath, inputs);
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private static Dictionary<string, string> Describe(PolicyConfig config) => new()
    {
        ["vocabulary_size"] = Invariant(config.VocabularySize),
        ["dimension"] = Invariant(config.Dimension),
        ["layers"] = Invariant(config.Layers),
        ["heads"] = Invariant(config.Heads),
        ["hidden"] = Invariant(config.Hidden),
        ["max_sequence_length"] = Invariant(config.MaxSequenceLength),
        ["tie_embeddings"] = config.TieEmbeddings ? "true" : "false",
        ["rope_theta"] = config.RopeTheta.ToString("R", CultureInfo.InvariantCulture),
        ["norm_eps"] = config.NormEps.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
