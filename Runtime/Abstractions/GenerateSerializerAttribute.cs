namespace AgentRL.Runtime;

/// <summary>
/// Puts a type on the wire allow-list: the code generator writes a binary codec for it. Members marked
/// <see cref="IdAttribute"/> are serialised in id order; without any <c>[Id]</c>, public properties and fields are
/// serialised in declaration order. Only types known statically from grain method signatures are ever read.
/// Each object carries its member count, so a type can evolve: a member added after the existing ones (the next
/// <c>[Id]</c>, or last in declaration order) is read from older input as a new instance would have it (the constructor
/// parameter's default, or the member's initialiser). Removing or reordering members is not tolerated.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class GenerateSerializerAttribute : Attribute;
