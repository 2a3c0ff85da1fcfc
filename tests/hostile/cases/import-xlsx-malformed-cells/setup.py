# Cells that cannot be read: far outside Excel's grid, a shared string
# whose index is not a number, one past the last string.
import struct
import zlib


def zip_bytes(parts):
    """A zip of (name, deflated bytes, unzipped size) entries, written by hand so sizes can be anything."""
    out, directory = b"", b""
    for name, data, size in parts:
        name = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, 0, len(data), size, len(name), 0)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(out)) + name
        out += b"PK\x03\x04" + fields + name + data
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(directory), len(out), 0)
    return out + directory + b"PK\x05\x06" + end


def deflate(data):
    d = zlib.compressobj(9, zlib.DEFLATED, -15)
    return d.compress(data) + d.flush()


def workbook(path, sheet, sheet_size=None):
    """A workbook whose sheet "Table 3" is `sheet` (deflated bytes when sheet_size is given)."""
    parts = [(n, deflate(t.encode()), len(t.encode())) for n, t in [
        ("xl/workbook.xml", '<workbook><sheets><sheet name="Table 3" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/sharedStrings.xml", "<sst><si><t>GP Practice (ODS_Code)</t></si></sst>"),
    ]]
    if sheet_size is None:
        parts.append(("xl/worksheets/sheet1.xml", deflate(sheet.encode()), len(sheet.encode())))
    else:
        parts.append(("xl/worksheets/sheet1.xml", sheet, sheet_size))
    with open(path, "wb") as f:
        f.write(zip_bytes(parts))


workbook("book.xlsx", '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
         '<row r="2"><c r="A999999999"><v>1</v></c><c r="B2" t="s"><v>abc</v></c><c r="C2" t="s"><v>5</v></c></row>'
         '</sheetData></worksheet>')
