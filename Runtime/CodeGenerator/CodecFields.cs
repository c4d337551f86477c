using System.Collections.Generic;
using System.Text;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>
/// Lazily initialised static codec properties of one generated class (C0, C1, ...). Lazy so that codecs of types that
/// refer to each other never see a half-initialised static.
/// </summary>
internal sealed class CodecFields
{
    private readonly List<(string Type, string Expression)> _fields = [];

    public string Add(string type, string expression)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].Type == type)
            {
                return "C" + i;
            }
        }

        _fields.Add((type, expression));
        return "C" + (_fields.Count - 1);
    }

    public void Emit(StringBuilder source, string indent)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            var (type, expression) = _fields[i];
            source.Append(indent).Append("private static global::AgentRL.Runtime.Serialization.IWireCodec<").Append(type).Append("> s_c").Append(i).AppendLine(";");
            source.Append(indent).Append("private static global::AgentRL.Runtime.Serialization.IWireCodec<").Append(type).Append("> C").Append(i)
                .Append(" => s_c").Append(i).Append(" ??= ").Append(expression).AppendLine(";");
        }
    }
}
