namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// The Sparkplug B data type codes a metric's <c>datatype</c> field carries (Sparkplug 3.0 §6.4.16). How each maps to a
/// DataBridge value is in <see cref="SparkplugValueConverter"/> and docs/mqtt.md.
/// </summary>
public enum SparkplugDataType : uint
{
    /// <summary>Placeholder for future expansion; never valid on a metric.</summary>
    Unknown = 0,
#pragma warning disable CS1591 // the names are the specification's
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    UInt8 = 5,
    UInt16 = 6,
    UInt32 = 7,
    UInt64 = 8,
    Float = 9,
    Double = 10,
    Boolean = 11,
    String = 12,
    DateTime = 13,
    Text = 14,
    UUID = 15,
    DataSet = 16,
    Bytes = 17,
    File = 18,
    Template = 19,
    PropertySet = 20,
    PropertySetList = 21,
    Int8Array = 22,
    Int16Array = 23,
    Int32Array = 24,
    Int64Array = 25,
    UInt8Array = 26,
    UInt16Array = 27,
    UInt32Array = 28,
    UInt64Array = 29,
    FloatArray = 30,
    DoubleArray = 31,
    BooleanArray = 32,
    StringArray = 33,
    DateTimeArray = 34,
#pragma warning restore CS1591
}
