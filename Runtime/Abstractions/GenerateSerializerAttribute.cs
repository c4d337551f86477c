namespace AgentRL.Runtime;

/// <summary>
/// Puts a type on the wire allow-list: the code generator writes a binary codec for it. Members marked
/// <see cref="IdAttribute"/> are serialised in id order; without any <c>[Id]</c>, public properties and fields are
/// serialised in declaration order. Only types known statically from grain method signatures are ever read.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class GenerateSerializerAttribute : Attribute;
