/**
 * A one-page PDF of text lines (Helvetica, A4), written by hand: enough for an invoice or credit
 * note a browser or PDF reader opens. PDF 1.4 with a correct cross-reference table.
 */
export function textPdf(title: string, lines: { text: string; bold?: boolean; size?: number }[]): Buffer {
  const ascii = (s: string) =>
    s
      .replace(/×/g, "x")
      .replace(/[–—]/g, "-")
      .replace(/[^\x20-\x7e]/g, "?")
      .replace(/[\\()]/g, (c) => `\\${c}`);
  let y = 800;
  const ops: string[] = ["BT"];
  for (const line of lines) {
    const size = line.size ?? 11;
    y -= size + 7;
    if (y < 40) break;
    ops.push(`/${line.bold ? "F2" : "F1"} ${size} Tf`, `1 0 0 1 50 ${y} Tm`, `(${ascii(line.text)}) Tj`);
  }
  ops.push("ET");
  const content = ops.join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    `<< /Title (${ascii(title)}) /Producer (MusicalWheel Stripe emulator) >>`,
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
