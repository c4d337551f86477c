using System.Collections.ObjectModel;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// The role and control tokens of a <see cref="BpeTokenizer"/>. They sit after the byte and merge ids, in the order of
/// <see cref="Literals"/>, and are never produced by <see cref="BpeTokenizer.Encode(string)"/>: only code that builds
/// a sequence places them, so an observation that contains the literal text cannot forge a role.
/// </summary>
public sealed class SpecialTokens
{
    public const string TaskLiteral = "<|task|>";
    public const string ObservationLiteral = "<|observation|>";
    public const string ActionLiteral = "<|action|>";
    public const string EndOfActionLiteral = "<|end_of_action|>";
    public const string EndOfEpisodeLiteral = "<|end_of_episode|>";
    public const string PaddingLiteral = "<|padding|>";

    /// <summary>How many special tokens every tokenizer has.</summary>
    public const int Count = 6;

    // Read-only so no caller can rename a role for every tokenizer in the process.
    private static readonly ReadOnlyCollection<string> LiteralsInIdOrder = Array.AsReadOnly(
    [
        TaskLiteral, ObservationLiteral, ActionLiteral, EndOfActionLiteral, EndOfEpisodeLiteral, PaddingLiteral,
    ]);

    internal SpecialTokens(int firstId)
    {
        FirstId = firstId;
    }

    /// <summary>The literal text of each special token, in id order (what they decode to and how files name them).</summary>
    public static IReadOnlyList<string> Literals => LiteralsInIdOrder;

    /// <summary>The id of the first special token; the others follow it.</summary>
    public int FirstId { get; }

    public int Task => FirstId;

    public int Observation => FirstId + 1;

    public int Action => FirstId + 2;

    public int EndOfAction => FirstId + 3;

    public int EndOfEpisode => FirstId + 4;

    public int Padding => FirstId + 5;

    public bool Contains(int id) => id >= FirstId && id < FirstId + Count;

    /// <summary>The literal text of a special id, e.g. "&lt;|action|&gt;".</summary>
    public string LiteralOf(int id) => Contains(id)
        ? LiteralsInIdOrder[id - FirstId]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"Special token ids run from {FirstId} to {FirstId + Count - 1}.");
}
