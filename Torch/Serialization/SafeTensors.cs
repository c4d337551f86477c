using System.Buffers.Binary;
using System.Text.Json;

namespace AgentRL.Torch.Serialization;

/// <summary>
/// Named tensors in the safetensors format: an 8-byte little-endian header length, a JSON header mapping each name to
/// its dtype, shape and byte range, then the raw little-endian data. Loading checks every range against the file and
/// rejects truncated, overlapping or inconsistent files with a message saying what is wrong.
/// </summary>
public static class SafeTensors
{
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Write(file, tensors, metadata);
        }

        // Written aside and then moved, so a crash mid-write never leaves a half file under the real name.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The bytes <see cref="Save"/> would write (to send tensors as one blob).</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    private static void Write(Stream destination, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var data = new List<byte[]>(names.Count);
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 })
        {
            header["__metadata__"] = metadata;
        }

        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            var bytes = tensor.ToBytes();
            header[name] = new Dictionary<string, object>
            {
                ["dtype"] = Code(tensor.DType),
                ["shape"] = tensor.Shape,
                ["data_offsets"] = new[] { offset, offset + bytes.Length },
            };
            data.Add(bytes);
            offset += bytes.Length;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var padding = (8 - json.Length % 8) % 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(json.Length + padding));
        destination.Write(length);
        destination.Write(json);
        for (var i = 0; i < padding; i++)
        {
            destination.WriteByte((byte)' ');
        }

        foreach (var bytes in data)
        {
            destination.Write(bytes);
        }
    }

    /// <summary>Loads every tensor (on the CPU); the caller owns (disposes) them.</summary>
    public static Dictionary<string, Tensor> Load(string path) => Deserialize(File.ReadAllBytes(path), path);

    /// <summary>
    /// Reads bytes made by <see cref="Serialize"/> (or a file's contents) as strictly as <see cref="Load"/>;
    /// <paramref name="source"/> names them in error messages.
    /// </summary>
    public static Dictionary<string, Tensor> Deserialize(byte[] bytes, string source)
    {
        var path = source;
        var loaded = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, dtype, shape, begin, end) in ReadHeader(bytes, path, out var dataStart))
            {
                loaded[name] = Tensor.FromBytes(bytes.AsSpan((int)(dataStart + begin), (int)(end - begin)), dtype, shape);
            }

            return loaded;
        }
        catch
        {
            foreach (var tensor in loaded.Values)
            {
                tensor.Dispose();
            }

            throw;
        }
    }

    /// <summary>The metadata strings of a file (empty if it has none).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => ReadMetadata(File.ReadAllBytes(path), path);

    /// <summary>The metadata strings of serialized bytes (empty if there are none).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(byte[] bytes, string source)
    {
        var path = source;
        using var document = ParseHeader(bytes, path, out _);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("__metadata__", out var entries) && entries.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in entries.EnumerateObject())
            {
                metadata[entry.Name] = entry.Value.GetString() ?? "";
            }
        }

        return metadata;
    }

    private static List<(string Name, DType DType, long[] Shape, long Begin, long End)> ReadHeader(byte[] bytes, string path, out long dataStart)
    {
        using var document = ParseHeader(bytes, path, out dataStart);
        var dataLength = bytes.Length - dataStart;
        var entries = new List<(string, DType, long[], long, long)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                continue;
            }

            var entry = property.Value;
            var dtype = Parse(Get(entry, "dtype", path, property.Name).GetString(), path, property.Name);
            var shape = Get(entry, "shape", path, property.Name).EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = Get(entry, "data_offsets", path, property.Name).EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
            {
                throw Corrupt(path, $"'{property.Name}' claims bytes [{string.Join(", ", offsets)}) of a {dataLength}-byte data section (truncated file?)");
            }

            if (shape.Any(d => d < 0) || shape.Aggregate(1L, (a, b) => a * b) * Tensor.ElementSize(dtype) != offsets[1] - offsets[0])
            {
                throw Corrupt(path, $"'{property.Name}' has shape [{string.Join(", ", shape)}] of {dtype}, which does not match its {offsets[1] - offsets[0]} bytes");
            }

            entries.Add((property.Name, dtype, shape, offsets[0], offsets[1]));
        }

        var sorted = entries.OrderBy(e => e.Item4).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Item4 < sorted[i - 1].Item5)
            {
                throw Corrupt(path, $"'{sorted[i].Item1}' overlaps '{sorted[i - 1].Item1}'");
            }
        }

        return entries;
    }

    private static JsonDocument ParseHeader(byte[] bytes, string path, out long dataStart)
    {
        if (bytes.Length < 8)
        {
            throw Corrupt(path, $"the file has {bytes.Length} bytes, fewer than the 8-byte header length");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > bytes.Length - 8)
        {
            throw Corrupt(path, $"the header claims {headerLength} bytes but the file has {bytes.Length - 8} after the length (truncated file?)");
        }

        dataStart = 8 + (long)headerLength;
        try
        {
            var document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Corrupt(path, "the header is not a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }
    }

    private static JsonElement Get(JsonElement entry, string property, string path, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value) ? value : throw Corrupt(path, $"'{name}' has no {property}");

    private static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.Float16 => "F16",
        DType.BFloat16 => "BF16",
        DType.Bool => "BOOL",
        DType.UInt8 => "U8",
        _ => throw new NotSupportedException($"{dtype} cannot be saved."),
    };

    private static DType Parse(string? code, string path, string name) => code switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I64" => DType.Int64,
        "I32" => DType.Int32,
        "F16" => DType.Float16,
        "BF16" => DType.BFloat16,
        "BOOL" => DType.Bool,
        "U8" => DType.UInt8,
        _ => throw Corrupt(path, $"'{name}' has unsupported dtype '{code}'"),
    };

    private static InvalidDataException Corrupt(string path, string reason) => new($"'{path}' is not a valid safetensors file: {reason}.");
}
