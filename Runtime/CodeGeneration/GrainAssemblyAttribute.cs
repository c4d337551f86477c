namespace AgentRL.Runtime.CodeGeneration;

/// <summary>
/// Emitted by the code generator on assemblies that declare grain interfaces, grain classes or serializable types,
/// so that hosts can find them and run their registration.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class GrainAssemblyAttribute : Attribute;
