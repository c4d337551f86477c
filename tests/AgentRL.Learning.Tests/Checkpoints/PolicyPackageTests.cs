using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tests.Reinforcement;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Checkpoints;

public sealed class PolicyPackageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrl-packages", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ContextPolicy Context => new(PolicyTrainerTests.Tokenizer, maxTurns: 3, maxTokens: 200);

    [Fact]
    public void AnUnpackedPackageActsExactlyLikeTheModelItWasMadeFrom()
    {
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        var package = PolicyPackage.Pack(model, Context, version: 7);

        using var loaded = PolicyPackage.Unpack(package);

        Assert.Equal(7, PolicyPackage.Version(package));
        Assert.Equal(7, loaded.Version);
        Assert.Equal((3, 200), (loaded.Context.MaxTurns, loaded.Context.MaxTokens));
        Assert.Equal(model.Config, loaded.Model.Config);
        Assert.Equal(PolicyTrainerTests.Tokenizer.Merges, loaded.Context.Tokenizer.Merges);
        var prompt = Context.Build([], Context.Encode("Choose an arm: left or right."));
        Assert.Equal(Logits(model, prompt), Logits(loaded.Model, prompt));
    }

    [Fact]
    public void ACheckpointWithContextMetadataBecomesTheSamePackage()
    {
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        PolicyCheckpoint.Save(_folder, model, PolicyTrainerTests.Tokenizer, optimizer: null, step: 5, PolicyPackage.CheckpointMetadata(Context, version: 3));

        using var loaded = PolicyPackage.Unpack(PolicyPackage.FromCheckpoint(_folder));

        Assert.Equal(3, loaded.Version);
        Assert.Equal((3, 200), (loaded.Context.MaxTurns, loaded.Context.MaxTokens));
        var prompt = Context.Build([], Context.Encode("Choose an arm: left or right."));
        Assert.Equal(Logits(model, prompt), Logits(loaded.Model, prompt));
    }

    [Fact]
    public void PastActionsTravelInTheMetadataAndOlderMetadataMeansNone()
    {
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        var withActions = new ContextPolicy(PolicyTrainerTests.Tokenizer, maxTurns: 0, maxTokens: 200, pastActions: 4);
        var metadata = PolicyPackage.CheckpointMetadata(withActions, version: 2);
        var older = metadata.Where(m => m.Key != "context.actions").ToDictionary();

        using var unpacked = PolicyPackage.Unpack(PolicyPackage.Pack(model, withActions, version: 2));
        var restored = PolicyPackage.Context(PolicyTrainerTests.Tokenizer, metadata);

        Assert.Equal(4, unpacked.Context.PastActions);
        Assert.Equal((0, 200, 4), (restored.MaxTurns, restored.MaxTokens, restored.PastActions));
        Assert.Equal(0, PolicyPackage.Context(PolicyTrainerTests.Tokenizer, older).PastActions);
    }

    [Fact]
    public void DamagedOrForeignBytesFailWithAClearError()
    {
        using var model = PolicyTrainerTests.CoinFlipPolicy();
        var package = PolicyPackage.Pack(model, Context, version: 1);
        var truncated = package[..(package.Length / 2)];
        var bare = Torch.Serialization.SafeTensors.Serialize(model.StateDict());

        var cut = Assert.Throws<InvalidDataException>(() => PolicyPackage.Unpack(truncated));
        var foreign = Assert.Throws<InvalidDataException>(() => PolicyPackage.Unpack(bare));
        var empty = Assert.Throws<InvalidDataException>(() => PolicyPackage.Version([]));

        Assert.Contains("truncated", cut.Message);
        Assert.Contains("not a policy/1 package", foreign.Message);
        Assert.Contains("fewer than the 8-byte header", empty.Message);
    }

    private static float[] Logits(PolicyModel model, int[] prompt)
    {
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        return model.Forward(Tensor.FromArray(prompt, 1, prompt.Length)).ToArray<float>();
    }
}
