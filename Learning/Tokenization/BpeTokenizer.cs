using System.Text;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// A byte-level BPE tokenizer. Ids 0..255 are the raw bytes, then one id per learned merge (merge i joins two earlier
/// ids into id 256 + i, so an id's rank is its value), then the <see cref="SpecialTokens"/>. Any string round-trips
/// exactly through <see cref="Encode(string)"/> and <see cref="Decode"/> because every byte has an id.
/// Immutable and safe to share between threads; its only mutable part is a concurrent cache of chunk encodings.
/// </summary>
public sealed class BpeTokenizer
{
    /// <summary>Ids below this are single bytes.</summary>
    public const int ByteCount = 256;

    private const int ChunkCacheCapacity = 1 << 15;

    /// <summary>Longer chunks are encoded every time: they are rare in environment text and would bloat the cache.</summary>
    private const int LongestCachedChunk = 64;

    private readonly (int Left, int Right)[] _merges;
    private readonly IReadOnlyList<(int Left, int Right)> _mergesView;
    private readonly Dictionary<long, int> _mergedIdByPair;
    private readonly byte[][] _bytesById;
    private readonly ChunkEncodingCache _cache = new(ChunkCacheCapacity);

    internal BpeTokenizer(IReadOnlyList<(int Left, int Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(merges);
        var problem = DescribeInvalidMerges(merges);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(merges));
        }

        _merges = [.. merges];
        _mergesView = Array.AsReadOnly(_merges);
        _mergedIdByPair = new Dictionary<long, int>(_merges.Length);
        _bytesById = new byte[ByteCount + _merges.Length + SpecialTokens.Count][];
        for (var b = 0; b < ByteCount; b++)
        {
            _bytesById[b] = [(byte)b];
        }

        for (var i = 0; i < _merges.Length; i++)
        {
            var (left, right) = _merges[i];
            var id = ByteCount + i;
            _mergedIdByPair.Add(TokenPairKey.Pack(left, right), id);
            _bytesById[id] = [.. _bytesById[left], .. _bytesById[right]];
        }

        Special = new SpecialTokens(ByteCount + _merges.Length);
        for (var s = 0; s < SpecialTokens.Count; s++)
        {
            _bytesById[Special.FirstId + s] = Encoding.UTF8.GetBytes(SpecialTokens.Literals[s]);
        }
    }

    /// <summary>The role and control tokens, e.g. <c>tokenizer.Special.Action</c>.</summary>
    public SpecialTokens Special { get; }

    /// <summary>Bytes, merges and special tokens together: the size of a policy's embedding table.</summary>
    public int VocabularySize => _bytesById.Length;

    /// <summary>The learned merges in rank order; merge i produces id <see cref="ByteCount"/> + i.</summary>
    public IReadOnlyList<(int Left, int Right)> Merges => _mergesView;

    /// <summary>
    /// Encodes plain text. Never produces a special id, even for text containing "&lt;|action|&gt;": that text is
    /// ordinary bytes. Unpaired surrogates encode as U+FFFD, as UTF-8 conversion does everywhere in .NET.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 1);
        Encode(text, ids);
        return [.. ids];
    }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="destination"/> (for assembling sequences without copies).</summary>
    public void Encode(ReadOnlySpan<char> text, List<int> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (!text.IsEmpty)
        {
            var length = TextChunker.NextChunkLength(text);
            var chunk = text[..length];
            if (length > LongestCachedChunk)
            {
                destination.AddRange(EncodeChunk(chunk));
            }
            else
            {
                if (!_cache.TryGet(chunk, out var ids))
                {
                    ids = EncodeChunk(chunk);
                    _cache.Add(chunk, ids);
                }

                destination.AddRange(ids);
            }

            text = text[length..];
        }
    }

    /// <summary>The text of <paramref name="ids"/>; byte sequences that are not valid UTF-8 decode as U+FFFD.</summary>
    public string Decode(ReadOnlySpan<int> ids) => Encoding.UTF8.GetString(DecodeBytes(ids));

    /// <summary>The exact bytes of <paramref name="ids"/>; special tokens give their literal text.</summary>
    public byte[] DecodeBytes(ReadOnlySpan<int> ids)
    {
        var total = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            total += TokenBytes(ids[i]).Length;
        }

        var bytes = new byte[total];
        var written = 0;
        foreach (var id in ids)
        {
            var token = _bytesById[id];
            token.CopyTo(bytes, written);
            written += token.Length;
        }

        return bytes;
    }

    /// <summary>The bytes one id stands for.</summary>
    public ReadOnlySpan<byte> TokenBytes(int id)
    {
        if ((uint)id >= (uint)_bytesById.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id {id} is outside the vocabulary (0 to {_bytesById.Length - 1}).");
        }

        return _bytesById[id];
    }

    /// <summary>Writes the merges and special tokens to a small versioned JSON file (atomically: a reader never sees half a file).</summary>
    public void Save(string path) => BpeTokenizerFile.Write(this, path);

    /// <summary>Reads a file written by <see cref="Save"/>; a damaged or inconsistent file throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static BpeTokenizer Load(string path) => BpeTokenizerFile.Read(path);

    /// <summary>The same JSON as <see cref="Save"/>, in memory (to send a tokenizer to another silo).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        BpeTokenizerFile.Write(this, stream);
        return stream.ToArray();
    }

    /// <summary>Reads bytes made by <see cref="ToBytes"/>, checked as strictly as <see cref="Load"/>.</summary>
    public static BpeTokenizer FromBytes(byte[] bytes) => BpeTokenizerFile.Read(bytes, "(in memory)");

    /// <summary>Why a merge list cannot define a tokenizer, or null when it can.</summary>
    internal static string? DescribeInvalidMerges(IReadOnlyList<(int Left, int Right)> merges)
    {
        var seen = new HashSet<long>(merges.Count);
        for (var i = 0; i < merges.Count; i++)
        {
            var (left, right) = merges[i];
            var defined = ByteCount + i;
            if (left < 0 || left >= defined || right < 0 || right >= defined)
            {
                return $"Merge {i} joins ids {left} and {right}, but only ids 0 to {defined - 1} exist before it.";
            }

            if (!seen.Add(TokenPairKey.Pack(left, right)))
            {
                return $"Merge {i} repeats the pair ({left}, {right}) of an earlier merge.";
            }
        }

        return null;
    }

    /// <summary>
    /// Applies merges by rank within one chunk: repeatedly join every occurrence of the lowest-ranked adjacent pair.
    /// New pairs always contain the id just made, whose merges rank later, so this equals replaying the merges in
    /// training order.
    /// </summary>
    private int[] EncodeChunk(ReadOnlySpan<char> chunk)
    {
        var byteCount = Encoding.UTF8.GetByteCount(chunk);
        Span<byte> bytes = byteCount <= 1024 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(chunk, bytes);
        Span<int> ids = byteCount <= 1024 ? stackalloc int[byteCount] : new int[byteCount];
        for (var i = 0; i < byteCount; i++)
        {
            ids[i] = bytes[i];
        }

        var length = byteCount;
        while (length > 1)
        {
            var best = int.MaxValue;
            for (var i = 0; i + 1 < length; i++)
            {
                if (_mergedIdByPair.TryGetValue(TokenPairKey.Pack(ids[i], ids[i + 1]), out var merged) && merged < best)
                {
                    best = merged;
                }
            }

            if (best == int.MaxValue)
            {
                break;
            }

            var (left, right) = _merges[best - ByteCount];
            var write = 0;
            for (var read = 0; read < length; write++)
            {
                if (read + 1 < length && ids[read] == left && ids[read + 1] == right)
                {
                    ids[write] = best;
                    read += 2;
                }
                else
                {
                    ids[write] = ids[read];
                    read++;
                }
            }

            length = write;
        }

        return ids[..length].ToArray();
    }
}
