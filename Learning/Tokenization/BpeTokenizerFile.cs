using System.Text.Json;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// The on-disk form of a <see cref="BpeTokenizer"/>: compact JSON holding a format name, a version, the vocabulary
/// size (a consistency check), the merges in rank order and the special-token literals. Bytes are implicit.
/// </summary>
internal static class BpeTokenizerFile
{
    public const string FormatName = "agentrl-bpe-tokenizer";
    public const int CurrentVersion = 1;

    public static void Write(BpeTokenizer tokenizer, string path)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Write beside the target and rename, so a crash mid-save leaves the previous file intact.
        var temporary = path + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                Write(tokenizer, stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // Exists first: when the folder itself is missing, Delete would throw and hide the real error.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    public static void Write(BpeTokenizer tokenizer, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", CurrentVersion);
        writer.WriteNumber("vocabularySize", tokenizer.VocabularySize);
        writer.WriteStartArray("merges");
        foreach (var (left, right) in tokenizer.Merges)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(left);
            writer.WriteNumberValue(right);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("specialTokens");
        foreach (var literal in SpecialTokens.Literals)
        {
            writer.WriteStringValue(literal);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static BpeTokenizer Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads the file's bytes; <paramref name="path"/> names where they came from in error messages.</summary>
    public static BpeTokenizer Read(byte[] bytes, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON (truncated or corrupted?): {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "its top level is not a JSON object");
            }

            var format = Property(root, path, "format", JsonValueKind.String).GetString();
            if (format != FormatName)
            {
                throw Invalid(path, $"its format is \"{format}\", not \"{FormatName}\"");
            }

            var version = Integer(Property(root, path, "version", JsonValueKind.Number), path, "version");
            if (version != CurrentVersion)
            {
                throw Invalid(path, $"it has version {version}; this build reads version {CurrentVersion}");
            }

            var merges = ReadMerges(Property(root, path, "merges", JsonValueKind.Array), path);
            var problem = BpeTokenizer.DescribeInvalidMerges(merges);
            if (problem is not null)
            {
                throw Invalid(path, problem);
            }

            CheckSpecialTokens(Property(root, path, "specialTokens", JsonValueKind.Array), path);

            var vocabularySize = Integer(Property(root, path, "vocabularySize", JsonValueKind.Number), path, "vocabularySize");
            var expected = BpeTokenizer.ByteCount + merges.Count + SpecialTokens.Count;
            if (vocabularySize != expected)
            {
                throw Invalid(path, $"it declares a vocabulary of {vocabularySize} ids, but {merges.Count} merges make {expected}");
            }

            return new BpeTokenizer(merges);
        }
    }

    private static List<(int Left, int Right)> ReadMerges(JsonElement array, string path)
    {
        var merges = new List<(int Left, int Right)>(array.GetArrayLength());
        var index = 0;
        foreach (var pair in array.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw Invalid(path, $"merge {index} is not a pair of ids");
            }

            var left = Integer(pair[0], path, $"merge {index}");
            var right = Integer(pair[1], path, $"merge {index}");
            merges.Add((left, right));
            index++;
        }

        return merges;
    }

    private static void CheckSpecialTokens(JsonElement array, string path)
    {
        // The set is fixed by this build; a file with another set was made for other code and would shift role ids.
        var literals = new List<string?>();
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, "its special tokens are not all strings");
            }

            literals.Add(element.GetString());
        }

        if (!literals.SequenceEqual(SpecialTokens.Literals))
        {
            throw Invalid(path, $"its special tokens [{string.Join(", ", literals)}] differ from this build's [{string.Join(", ", SpecialTokens.Literals)}]");
        }
    }

    private static JsonElement Property(JsonElement root, string path, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw Invalid(path, $"it has no \"{name}\"");
        }

        if (value.ValueKind != kind)
        {
            throw Invalid(path, $"its \"{name}\" is a {value.ValueKind}, not a {kind}");
        }

        return value;
    }

    private static int Integer(JsonElement element, string path, string what) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw Invalid(path, $"{what} holds {element.GetRawText()}, which is not a 32-bit integer");

    private static InvalidDataException Invalid(string path, string reason, Exception? inner = null) =>
        new($"Cannot load tokenizer file '{path}': {reason.TrimEnd('.')}.", inner);
}
