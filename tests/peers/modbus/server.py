#!/usr/bin/python3
"""Modbus TCP peer for DataBridge's integration tests (pymodbus 3.0.0rc1, Debian's python3-pymodbus).

Usage: /usr/bin/python3 server.py PORT [--counter]

Serves, on 127.0.0.1:PORT, values of every data type in every byte order at the addresses below, then prints
  POINTS <json list of {table, address, type, order, bit, length, value}>
  READY <port>
The test reads every point back through DataBridge's client and compares with `value`. Encoding here uses Python's
struct module and the byte-order rule in ModbusValueDecoder's documentation, independently of the C# code.

Layout (zero-based addresses):
  holding registers 0..199 (reads past 199 get exception 2, Illegal Data Address):
    every numeric type x byte order, packed from address 0 upwards in the order of TYPES x ORDERS,
    then the string, then a register of bits
  input registers 0..99: float32 CDAB at 0, uint32 ABCD at 2, int16 at 4
  coils 0..31 and discrete inputs 0..31: fixed bit patterns
  holding registers 190..194: the text "PADDED" followed by four spaces, as devices pad fixed-size text fields
  (not in POINTS: whether the spaces are kept is the bridge's 'trim' setting)
  with --counter: input registers 20..21 hold a uint32 (ABCD) that counts up every 5 ms, a fast-changing value
  (not in POINTS, because it has no fixed value)
"""
import asyncio
import json
import logging
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer

TYPES = [
    ("int16", ">h", -12345),
    ("uint16", ">H", 54321),
    ("int32", ">i", -123456789),
    ("uint32", ">I", 3123456789),
    ("int64", ">q", -1234567890123456789),
    ("uint64", ">Q", 12345678901234567890),
    ("float32", ">f", 3.14159),
    ("float64", ">d", -2.718281828459045),
]
ORDERS = ["ABCD", "BADC", "CDAB", "DCBA"]


def to_wire(big_endian: bytes, order: str) -> bytes:
    """Place the value's bytes (most significant first) on the wire as the byte order says."""
    words = [big_endian[i:i + 2] for i in range(0, len(big_endian), 2)]
    if order in ("CDAB", "DCBA"):
        words = list(reversed(words))
    if order in ("BADC", "DCBA"):
        words = [w[::-1] for w in words]
    return b"".join(words)


def registers(wire: bytes) -> list:
    return [struct.unpack(">H", wire[i:i + 2])[0] for i in range(0, len(wire), 2)]


def build():
    hr = [0] * 200
    ir = [0] * 100
    points = []
    address = 0
    for name, fmt, value in TYPES:
        for order in ORDERS:
            regs = registers(to_wire(struct.pack(fmt, value), order))
            hr[address:address + len(regs)] = regs
            expected = struct.unpack(fmt, struct.pack(fmt, value))[0]  # float32 rounded as stored
            points.append({"table": "hr", "address": address, "type": name, "order": order,
                           "bit": 0, "length": 0, "value": expected})
            address += len(regs)

    text = "DataBridge OK"
    raw = text.encode("ascii").ljust(16, b"\0")
    hr[address:address + 8] = registers(raw)
    points.append({"table": "hr", "address": address, "type": "string", "order": "ABCD",
                   "bit": 0, "length": 8, "value": text})
    address += 8
    swapped = b"".join(raw[i:i + 2][::-1] for i in range(0, len(raw), 2))
    hr[address:address + 8] = registers(swapped)
    points.append({"table": "hr", "address": address, "type": "string", "order": "BADC",
                   "bit": 0, "length": 8, "value": text})
    address += 8

    hr[address] = 0x8081
    for bit in (0, 1, 7, 8, 15):
        points.append({"table": "hr", "address": address, "type": "bool", "order": "ABCD",
                       "bit": bit, "length": 0, "value": bool((0x8081 >> bit) & 1)})
    address += 1

    hr[190:195] = registers(b"PADDED    ")

    ir[0:2] = registers(to_wire(struct.pack(">f", 21.5), "CDAB"))
    points.append({"table": "ir", "address": 0, "type": "float32", "order": "CDAB", "bit": 0, "length": 0, "value": 21.5})
    ir[2:4] = registers(to_wire(struct.pack(">I", 4000000000), "ABCD"))
    points.append({"table": "ir", "address": 2, "type": "uint32", "order": "ABCD", "bit": 0, "length": 0, "value": 4000000000})
    ir[4] = struct.unpack(">H", struct.pack(">h", -2))[0]
    points.append({"table": "ir", "address": 4, "type": "int16", "order": "ABCD", "bit": 0, "length": 0, "value": -2})

    coils = [(i % 3) == 0 for i in range(32)]
    inputs = [(i % 5) in (1, 2) for i in range(32)]
    for i in (0, 1, 2, 3, 17, 31):
        points.append({"table": "co", "address": i, "type": "bool", "order": "ABCD", "bit": 0, "length": 0, "value": coils[i]})
        points.append({"table": "di", "address": i, "type": "bool", "order": "ABCD", "bit": 0, "length": 0, "value": inputs[i]})

    store = ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, inputs),
        co=ModbusSequentialDataBlock(0, coils),
        hr=ModbusSequentialDataBlock(0, hr),
        ir=ModbusSequentialDataBlock(0, ir),
        zero_mode=True,
    )
    return ModbusServerContext(slaves=store, single=True), points


COUNTER_ADDRESS = 20


async def count(context):
    n = 0
    while True:
        await asyncio.sleep(0.005)
        n = (n + 1) & 0xFFFFFFFF
        context[0].setValues(4, COUNTER_ADDRESS, [n >> 16, n & 0xFFFF])


async def main(port: int, counter: bool):
    context, points = build()
    server = ModbusTcpServer(context, address=("127.0.0.1", port), allow_reuse_address=True)
    task = asyncio.create_task(server.serve_forever())
    if counter:
        asyncio.create_task(count(context))
    await server.serving
    print("POINTS " + json.dumps(points), flush=True)
    print(f"READY {port}", flush=True)
    await task


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    asyncio.run(main(int(sys.argv[1]), "--counter" in sys.argv[2:]))
