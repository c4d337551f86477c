using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>
/// How a generated codec rebuilds a value from the locals m0, m1, ... it read: which constructor parameters take which
/// members, and which members are set in an object initialiser; and what a member the input lacks starts as.
/// </summary>
internal sealed class ConstructionPlan(
    string display,
    IReadOnlyList<ISymbol> members,
    List<int> byParameter,
    ImmutableArray<IParameterSymbol> parameters,
    IReadOnlyList<int> rest)
{
    /// <summary>The members set in the object initialiser, not through the constructor.</summary>
    public IReadOnlyList<int> Rest { get; } = rest;

    /// <summary><c>new T(m.., ..) { Member = mi, .. }</c> with the given members in the initialiser.</summary>
    public string Expression(IEnumerable<int> initialised)
    {
        var expression = $"new {display}({string.Join(", ", byParameter.Select(i => "m" + i))})";
        var assignments = initialised.Select(i => $"{CodecResolver.Identifier(members[i].Name)} = m{i}").ToList();
        return assignments.Count > 0 ? expression + " { " + string.Join(", ", assignments) + " }" : expression;
    }

    /// <summary>
    /// The value of a member the input lacks, before initialisers are consulted: the constructor parameter's default
    /// value where it declares one, otherwise the type's default.
    /// </summary>
    public string MissingValue(int member)
    {
        var position = byParameter.IndexOf(member);
        return position >= 0 && parameters[position].HasExplicitDefaultValue ? Literal(parameters[position]) : "default";
    }

    private static string Literal(IParameterSymbol parameter)
    {
        var type = CodecResolver.Display(parameter.Type);
        return parameter.ExplicitDefaultValue switch
        {
            null => "default",
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char character => SymbolDisplay.FormatLiteral(character, quote: true),
            bool flag => flag ? "true" : "false",
            double number => $"({type})({Real(number, "double")})",
            float number => $"({type})({Real(number, "float")})",
            decimal number => $"({type})({number.ToString(CultureInfo.InvariantCulture)}m)",
            var number => $"({type})({System.Convert.ToString(number, CultureInfo.InvariantCulture)})",
        };
    }

    private static string Real(double value, string keyword) =>
        double.IsNaN(value) ? $"{keyword}.NaN"
        : double.IsPositiveInfinity(value) ? $"{keyword}.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? $"{keyword}.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + (keyword == "float" ? "f" : "d");
}
