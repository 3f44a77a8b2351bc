using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Serialization;

/// <summary>The <c>["null", "string"]</c> union: branch 0 is null, branch 1 a string.</summary>
internal static class NullableString
{
    public static void Write(ref AvroWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteUnionIndex(0);
            return;
        }

        w.WriteUnionIndex(1);
        w.WriteString(value);
    }

    public static string? Read(ref AvroReader r) => r.ReadUnionIndex(2) == 1 ? r.ReadString() : null;
}
