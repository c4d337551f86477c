namespace AgentRL.Torch;

/// <summary>Element types; the numeric codes are the native shim's.</summary>
public enum DType
{
    Float32 = 0,
    Float64 = 1,
    Int64 = 2,
    Bool = 3,
    Int32 = 4,
    Float16 = 5,
    BFloat16 = 6,
    UInt8 = 7,
}
