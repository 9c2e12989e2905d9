//! Apache Parquet: the rows of [`crate::columns`] in one file, for pandas, pyarrow,
//! DuckDB, Spark and the like (`glose annotate --format parquet --out FILE`).
//!
//! Memory stays bounded whatever the size of the corpus: rows are gathered into Arrow
//! record batches of [`BATCH_ROWS`] rows (or fewer, once their text reaches
//! [`BATCH_BYTES`]), and each batch is written as a row group of its own as the run
//! goes. Columns are Snappy-compressed, with dictionaries where values repeat (paths,
//! labels, taggers).

use std::io::Write;
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::Compression;
use ::parquet::file::properties::WriterProperties;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use crate::columns::{COLUMNS, Kind, Row, Value};

/// Rows per record batch and row group.
pub const BATCH_ROWS: usize = 64 * 1024;
/// Bytes of text per record batch at most (long quotes make a batch end sooner).
pub const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// An error of the Parquet writer (an I/O error included).
pub type Error = ::parquet::errors::ParquetError;

/// The Arrow schema of the rows: [`COLUMNS`], strings as UTF-8, offsets as 64-bit
/// integers.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .map(|c| {
            let kind = match c.kind {
                Kind::Text => DataType::Utf8,
                Kind::Int => DataType::Int64,
                Kind::Float => DataType::Float64,
                Kind::Bool => DataType::Boolean,
            };
            Field::new(c.name, kind, c.nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The builder of one column of a batch.
enum Builder {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
        }
    }

    /// Appends a value; the bytes of text it added.
    fn append(&mut self, value: Value<'_>) -> usize {
        match (self, value) {
            (Builder::Text(b), Value::Text(s)) => {
                b.append_value(s);
                return s.len();
            }
            (Builder::Int(b), Value::Int(n)) => b.append_value(n),
            (Builder::Float(b), Value::Float(x)) => b.append_value(x),
            (Builder::Bool(b), Value::Bool(v)) => b.append_value(v),
            // Null, or (never) a value of another type than the column's.
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Bool(b), _) => b.append_null(),
        }
        0
    }

    /// The column built so far; the builder starts again empty.
    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// A Parquet file being written, row by row. [`Writer::finish`] writes its footer:
/// a writer dropped before that leaves an incomplete file.
pub struct Writer<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    batch_rows: usize,
    rows: usize,
    bytes: usize,
    written: u64,
}

impl<W: Write + Send> std::fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("buffered_rows", &self.rows)
            .field("written_rows", &self.written)
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> Writer<W> {
    /// Starts a file on `out` (its header is written at once).
    pub fn new(out: W) -> Result<Writer<W>, Error> {
        Writer::with_batch_rows(out, BATCH_ROWS)
    }

    /// [`Writer::new`] with `batch_rows` rows per batch and row group.
    pub fn with_batch_rows(out: W, batch_rows: usize) -> Result<Writer<W>, Error> {
        let schema = schema();
        let batch_rows = batch_rows.max(1);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(batch_rows))
            .set_created_by(format!("glose {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        Ok(Writer {
            writer,
            schema,
            builders: COLUMNS.iter().map(|c| Builder::new(c.kind)).collect(),
            batch_rows,
            rows: 0,
            bytes: 0,
            written: 0,
        })
    }

    /// Adds a row; a full batch is written as a row group.
    pub fn push(&mut self, row: &Row<'_>) -> Result<(), Error> {
        for (i, builder) in self.builders.iter_mut().enumerate() {
            self.bytes += builder.append(row.value(i));
        }
        self.rows += 1;
        if self.rows >= self.batch_rows || self.bytes >= BATCH_BYTES {
            self.write_batch()?;
        }
        Ok(())
    }

    /// The output the file is written to.
    pub fn get_ref(&self) -> &W {
        self.writer.inner()
    }

    /// The rows written or buffered so far.
    pub fn rows(&self) -> u64 {
        self.written + self.rows as u64
    }

    fn write_batch(&mut self) -> Result<(), Error> {
        if self.rows == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns)?;
        self.writer.write(&batch)?;
        // Each batch is a row group: encoded, written, and its memory freed.
        self.writer.flush()?;
        self.written += self.rows as u64;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    /// Writes the last rows and the footer; the output, to be committed.
    pub fn finish(mut self) -> Result<W, Error> {
        self.write_batch()?;
        self.writer.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use arrow_array::{Array, BooleanArray, Float64Array, Int64Array, StringArray};
    use glose_core::{Annotation, Label};

    #[test]
    fn rows_read_back_in_row_groups_of_a_batch() {
        let text = "À Genève, près de 300 déplacés.";
        let loc = Annotation::new(3..10, Label::LOC);
        let start = text.find("près").unwrap();
        let qty = Annotation::new(start..text.len() - 1, Label::QUANTITY)
            .with_attr("value", 300)
            .with_attr("approximate", true)
            .with_attr("approximator", "about");
        let lines = glose_core::text::LineIndex::new(text);
        let rows = crate::columns::rows("d.txt", Some("2024-03"), text, &lines, &[&loc, &qty]);
        let file = tempfile::tempfile().unwrap();
        let mut writer = Writer::with_batch_rows(file, 4).unwrap();
        for _ in 0..5 {
            for row in &rows {
                writer.push(row).unwrap();
            }
        }
        assert_eq!(writer.rows(), 10);
        let file = writer.finish().unwrap();

        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 3);
        assert_eq!(reader.schema().as_ref(), schema().as_ref());
        let batches: Vec<RecordBatch> = reader.build().unwrap().map(Result::unwrap).collect();
        assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), 10);
        let batch = &batches[0];
        let column = |name: &str| batch.column_by_name(name).unwrap().clone();
        let text_of = |name: &str| {
            let c = column(name);
            let c = c.as_any().downcast_ref::<StringArray>().unwrap();
            (0..2)
                .map(|i| c.is_valid(i).then(|| c.value(i).to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            text_of("path"),
            [Some("d.txt".to_owned()), Some("d.txt".to_owned())]
        );
        assert_eq!(
            text_of("text"),
            [
                Some("Genève".to_owned()),
                Some("près de 300 déplacés".to_owned())
            ]
        );
        assert_eq!(text_of("quantity_unit"), [None, None]);
        assert_eq!(
            text_of("attrs"),
            [None, Some(r#"{"approximator":"about"}"#.to_owned())]
        );
        let chars = column("start_char");
        let chars = chars.as_any().downcast_ref::<Int64Array>().unwrap();
        assert_eq!((chars.value(0), chars.value(1)), (2, 10));
        let value = column("quantity_value");
        let value = value.as_any().downcast_ref::<Float64Array>().unwrap();
        assert!(value.is_null(0));
        assert_eq!(value.value(1), 300.0);
        let approximate = column("quantity_approximate");
        let approximate = approximate.as_any().downcast_ref::<BooleanArray>().unwrap();
        assert!(approximate.is_null(0) && approximate.value(1));
    }

    #[test]
    fn an_empty_file_has_the_schema_and_no_row() {
        let file = Writer::new(tempfile::tempfile().unwrap())
            .unwrap()
            .finish()
            .unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
        assert_eq!(reader.schema().fields().len(), COLUMNS.len());
    }
}
