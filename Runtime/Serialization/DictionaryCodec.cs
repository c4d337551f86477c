namespace AgentRL.Runtime.Serialization;

/// <summary>Dictionaries (and their read-only interfaces); read back as <see cref="Dictionary{TKey,TValue}"/>.</summary>
public sealed class DictionaryCodec<TDictionary, TKey, TValue>(IWireCodec<TKey> keys, IWireCodec<TValue> values) : IWireCodec<TDictionary?>
    where TDictionary : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    public void Write(WireWriter writer, TDictionary? value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        var pairs = value as IReadOnlyCollection<KeyValuePair<TKey, TValue>> ?? value.ToList();
        writer.WriteVarUInt32((uint)pairs.Count + 1);
        foreach (var pair in pairs)
        {
            keys.Write(writer, pair.Key);
            values.Write(writer, pair.Value);
        }
    }

    public TDictionary? Read(ref WireReader reader)
    {
        var count = reader.ReadCollectionCount();
        if (count < 0)
        {
            return null;
        }

        var result = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var key = keys.Read(ref reader);
            if (!result.TryAdd(key, values.Read(ref reader)))
            {
                throw new WireFormatException($"Duplicate dictionary key '{key}'.");
            }
        }

        return (TDictionary)(object)result;
    }
}
