using System.Text.Json.Nodes;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Tests.Reinforcement;

namespace AgentRL.Learning.Tests.Checkpoints;

public sealed class PolicyCheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrl-checkpoints", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Dictionary<string, float[]> Weights(PolicyModel model) => model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());

    private static PpoOptions Options => new() { KlCoefficient = 0, Schedule = new LearningRateSchedule(1e-3, 2, 10), TokenBudget = 64 };

    [Fact]
    public void ResumingReproducesTheNextStepExactly()
    {
        var estimator = new GrpoAdvantageEstimator();
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        var batches = Enumerable.Range(0, 4).Select(i => PolicyTrainerTests.Rollouts(model, 8, 40 + i)).ToList();
        var padding = PolicyTrainerTests.Tokenizer.Special.Padding;

        using (var trainer = new PolicyTrainer(model, null, Options, padding))
        {
            for (var i = 0; i < 3; i++)
            {
                trainer.Update(batches[i], estimator.Estimate(batches[i]));
            }

            PolicyCheckpoint.Save(_folder, model, PolicyTrainerTests.Tokenizer, trainer.Optimizer, trainer.Step, new Dictionary<string, string> { ["run"] = "test" });
            trainer.Update(batches[3], estimator.Estimate(batches[3]));
        }

        var continued = Weights(model);

        var info = PolicyCheckpoint.ReadInfo(_folder);
        using var resumed = PolicyCheckpoint.LoadModel(_folder);
        using (var trainer = new PolicyTrainer(resumed, null, Options, padding, startStep: info.Step))
        {
            PolicyCheckpoint.LoadOptimizer(_folder, trainer.Optimizer, resumed);
            trainer.Update(batches[3], estimator.Estimate(batches[3]));
        }

        Assert.Equal("test", info.Metadata["run"]);
        Assert.True(info.Step > 3, "several mini-batch steps per update");
        foreach (var (name, values) in continued)
        {
            Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), Weights(resumed)[name].Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void ARoundTripKeepsTheModelTokenizerAndConfiguration()
    {
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        PolicyCheckpoint.Save(_folder, model, PolicyTrainerTests.Tokenizer, optimizer: null, step: 0);

        using var loaded = PolicyCheckpoint.LoadModel(_folder);
        var tokenizer = PolicyCheckpoint.LoadTokenizer(_folder);

        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(Weights(model).Keys, Weights(loaded).Keys);
        Assert.All(Weights(model), p => Assert.Equal(p.Value, Weights(loaded)[p.Key]));
        Assert.Equal(PolicyTrainerTests.Tokenizer.Encode("left or right"), tokenizer.Encode("left or right"));
        Assert.False(Directory.Exists(_folder + ".saving"));
    }

    [Fact]
    public void CorruptOrMismatchedCheckpointsFailClearly()
    {
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        PolicyCheckpoint.Save(_folder, model, PolicyTrainerTests.Tokenizer, optimizer: null, step: 0);
        var info = Path.Combine(_folder, "checkpoint.json");
        var original = File.ReadAllText(info);

        var node = JsonNode.Parse(original)!;
        node["Config"]!["Dimension"] = 32;
        File.WriteAllText(info, node.ToJsonString());
        Assert.Contains("does not fit", Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.LoadModel(_folder)).Message);

        node = JsonNode.Parse(original)!;
        node["Config"]!["VocabularySize"] = 999;
        File.WriteAllText(info, node.ToJsonString());
        Assert.Contains("tokenizer has", Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.LoadModel(_folder)).Message);

        File.WriteAllText(info, "{ not json");
        Assert.Contains("is not a checkpoint description", Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.ReadInfo(_folder)).Message);

        File.WriteAllText(info, original);
        var weights = Path.Combine(_folder, "model.safetensors");
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);
        Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.LoadModel(_folder));

        File.Delete(weights);
        Assert.Contains("has no model.safetensors", Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.LoadModel(_folder)).Message);
        Assert.Contains("has no optimizer.safetensors", Assert.Throws<InvalidDataException>(() =>
        {
            using var optimizer = new AgentRL.Torch.Optim.AdamW(model.Parameters());
            PolicyCheckpoint.LoadOptimizer(_folder, optimizer, model);
        }).Message);
    }
}
