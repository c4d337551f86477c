using AgentRL.Learning.Policy;

namespace AgentRL.Learning.Cloning;

/// <summary>
/// How a base model is made: the coverage knobs (how many expert demonstrations, how much action noise), the context
/// the policy sees, the model's shape and the behaviour-cloning schedule.
/// </summary>
public sealed record BaseModelOptions
{
    /// <summary>Expert episodes to clone; fewer gives lower coverage of good actions.</summary>
    public int Demonstrations { get; init; } = 60;

    /// <summary>Probability that a demonstrated (and executed) action is a random valid one instead of the expert's.</summary>
    public double ActionNoise { get; init; } = 0.5;

    /// <summary>Probability that an executed action is a random valid one while the demonstration keeps the expert's: recoveries without mistakes.</summary>
    public double RecoveryNoise { get; init; }

    /// <summary>Past (observation, action) turns in the policy's context; 0 shows only the current observation.</summary>
    public int ContextTurns { get; init; }

    /// <summary>Turns before those that show their action alone (see <see cref="Trajectories.ContextPolicy.PastActions"/>).</summary>
    public int ContextActions { get; init; }

    /// <summary>The context's token budget (older turns go first, then the start of a long observation).</summary>
    public int ContextTokens { get; init; } = 224;

    /// <summary>The model's size: tiny, compact, small or base (see <see cref="PolicyConfig.FromPreset"/>).</summary>
    public string Preset { get; init; } = "compact";

    /// <summary>The tokenizer's vocabulary target (it stops early when the corpus runs out of repeated pairs).</summary>
    public int VocabularySize { get; init; } = 512;

    /// <summary>Expert episodes whose text the tokenizer is trained on.</summary>
    public int TokenizerEpisodes { get; init; } = 300;

    /// <summary>Where the model is cloned and then lives: cpu, cuda, cuda:N or auto (see <see cref="AgentRL.Torch.Device.Resolve"/>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Demonstration turns per cloning step (a GPU takes far larger batches than two cores).</summary>
    public int BatchSize { get; init; } = 32;

    public int Epochs { get; init; } = 4;

    /// <summary>Demonstrates <c>verb[argument]</c> actions as <c>verb[ argument]</c> (see <see cref="ActionSpelling.SpaceInsideBrackets"/>), for copying ids and words from the page.</summary>
    public bool SpaceInsideBrackets { get; init; }

    /// <summary>Batches cloning turns of similar length together (see <see cref="BehaviourCloningOptions.BucketByLength"/>).</summary>
    public bool BucketByLength { get; init; }

    public double LearningRate { get; init; } = 2e-3;

    /// <summary>
    /// DAgger rounds after cloning: the model plays <see cref="DaggerEpisodes"/> training episodes, the expert labels
    /// every state it reached (see <see cref="ExpertRelabelling"/>), and cloning continues on all turns so far. 0 clones
    /// the demonstrations alone.
    /// </summary>
    public int DaggerRounds { get; init; }

    /// <summary>Episodes the model plays (sampling at T = 1) in each DAgger round.</summary>
    public int DaggerEpisodes { get; init; } = 200;

    /// <summary>Cloning epochs over the aggregated turns after each DAgger round, on a fresh warm-up and decay.</summary>
    public int DaggerEpochs { get; init; } = 2;

    /// <summary>
    /// Probability that a DAgger label is a random valid action instead of the expert's (see
    /// <see cref="ExpertRelabelling"/>): <see cref="ActionNoise"/> for the relabelled turns, which after a few rounds are
    /// most of what the base is cloned on.
    /// </summary>
    public double DaggerLabelNoise { get; init; }

    /// <summary>Seeds the demonstrations' noise and the cloning's shuffling.</summary>
    public int Seed { get; init; } = 2;
}
