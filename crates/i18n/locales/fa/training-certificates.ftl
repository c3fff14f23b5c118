### Training certificates: the PDF and the public verification page (issue 18).
