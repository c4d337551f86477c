using System.Text.Json.Nodes;
using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class BpeTokenizerFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentrl-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void A_loaded_tokenizer_encodes_and_decodes_like_the_saved_one()
    {
        var saved = TrainedTokenizers.Sentences;
        var path = PathOf("tokenizer.json");

        saved.Save(path);
        var loaded = BpeTokenizer.Load(path);

        Assert.Equal(saved.Merges, loaded.Merges);
        Assert.Equal(saved.VocabularySize, loaded.VocabularySize);
        Assert.Equal(saved.Special.Action, loaded.Special.Action);
        var random = new Random(17);
        foreach (var text in SyntheticText.Sentences(300, seed: 18).Concat(Enumerable.Range(0, 300).Select(_ => SyntheticText.RandomUnicode(random, 40))))
        {
            var ids = saved.Encode(text);
            Assert.Equal(ids, loaded.Encode(text));
            Assert.Equal(text, loaded.Decode(ids));
        }

        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it()
    {
        var path = PathOf("tokenizer.json");
        TrainedTokenizers.Sentences.Save(path);

        TrainedTokenizers.BytesOnly.Save(path);

        Assert.Empty(BpeTokenizer.Load(path).Merges);
    }

    [Fact]
    public void A_tokenizer_without_merges_round_trips_through_a_file()
    {
        var path = PathOf("bytes.json");
        TrainedTokenizers.BytesOnly.Save(path);

        var loaded = BpeTokenizer.Load(path);

        Assert.Equal(BpeTrainer.MinimumVocabularySize, loaded.VocabularySize);
        Assert.Equal("héllo", loaded.Decode(loaded.Encode("héllo")));
    }

    [Fact]
    public void A_truncated_file_is_invalid_data()
    {
        var path = PathOf("truncated.json");
        TrainedTokenizers.Sentences.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001garbage")]
    [InlineData("{\"format\": ")]
    public void A_file_that_is_not_json_is_invalid_data(string content)
    {
        var path = PathOf("garbage.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "root-array", "top level is not a JSON object" },
        { "wrong-format", "its format is \"something-else\"" },
        { "future-version", "version 2; this build reads version 1" },
        { "no-merges", "it has no \"merges\"" },
        { "merges-not-array", "its \"merges\" is a String, not a Array" },
        { "merge-uses-later-id", "Merge 0 joins ids 300 and 97, but only ids 0 to 255 exist before it" },
        { "merge-negative-id", "Merge 1 joins ids -1 and 97" },
        { "merge-repeated", "Merge 2 repeats the pair" },
        { "merge-not-pair", "merge 1 is not a pair of ids" },
        { "merge-not-integer", "merge 0 holds 1.5, which is not a 32-bit integer" },
        { "wrong-vocabulary-size", "declares a vocabulary of 5 ids, but 1000 merges make 1262" },
        { "missing-special-token", "special tokens [<|task|>, <|observation|>, <|action|>, <|end_of_action|>, <|end_of_episode|>] differ" },
        { "special-not-string", "its special tokens are not all strings" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void An_inconsistent_file_is_invalid_data_saying_what_is_wrong(string corruption, string expectedMessage)
    {
        var path = PathOf(corruption + ".json");
        TrainedTokenizers.Sentences.Save(path);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var merges = root["merges"]!.AsArray();
        JsonNode corrupted = root;
        switch (corruption)
        {
            case "root-array":
                corrupted = new JsonArray(1, 2);
                break;
            case "wrong-format":
                root["format"] = "something-else";
                break;
            case "future-version":
                root["version"] = 2;
                break;
            case "no-merges":
                root.Remove("merges");
                break;
            case "merges-not-array":
                root["merges"] = "none";
                break;
            case "merge-uses-later-id":
                merges[0] = new JsonArray(300, 97);
                break;
            case "merge-negative-id":
                merges[1] = new JsonArray(-1, 97);
                break;
            case "merge-repeated":
                merges[2] = merges[0]!.DeepClone();
                break;
            case "merge-not-pair":
                merges[1] = new JsonArray(1, 2, 3);
                break;
            case "merge-not-integer":
                merges[0] = new JsonArray(1.5, 2);
                break;
            case "wrong-vocabulary-size":
                root["vocabularySize"] = 5;
                break;
            case "missing-special-token":
                root["specialTokens"]!.AsArray().RemoveAt(5);
                break;
            case "special-not-string":
                root["specialTokens"]!.AsArray()[0] = 7;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(corruption), corruption, "Unknown corruption.");
        }

        File.WriteAllText(path, corrupted.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_into_a_missing_folder_reports_the_folder_and_leaves_nothing_behind()
    {
        var path = Path.Combine(_directory, "absent", "tokenizer.json");

        Assert.Throws<DirectoryNotFoundException>(() => TrainedTokenizers.Sentences.Save(path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        Assert.Throws<FileNotFoundException>(() => BpeTokenizer.Load(PathOf("absent.json")));
    }
}
