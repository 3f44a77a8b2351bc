using System.Buffers;
using DataBridge.Schemas.Binary;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Schemas.Tests;

public sealed class ConfluentWireFormatTests
{
    [Fact]
    public void Header_is_magic_zero_and_a_big_endian_schema_id()
    {
        var buffer = new ArrayBufferWriter<byte>();
        ConfluentWireFormat.WriteHeader(0x01020304, buffer);
        buffer.Write<byte>([42]);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 42 }, buffer.WrittenSpan.ToArray());
        var body = ConfluentWireFormat.ReadHeader(buffer.WrittenSpan, out var id);
        Assert.Equal(0x01020304, id);
        Assert.Equal(new byte[] { 42 }, body.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 1, 2 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 1, 2 })]
    public void Values_without_the_header_are_a_typed_error(byte[] value)
    {
        Assert.Throws<AvroDecodeException>(() => ConfluentWireFormat.ReadHeader(value, out _));
    }
}
