use dsoftmax::{Error, Logits};

#[test]
fn bad_logits_are_typed_errors_with_one_based_indices() {
    assert!(matches!(Logits::new(vec![]), Err(Error::EmptyLogits)));
    assert!(matches!(Logits::new(vec![1.0, f64::NAN]), Err(Error::NanLogit { index: 2 })));
    assert!(matches!(Logits::new(vec![f64::INFINITY]), Err(Error::PositiveInfiniteLogit { index: 1 })));
    assert!(matches!(Logits::new(vec![f64::NEG_INFINITY; 3]), Err(Error::AllMasked)));
}

#[test]
fn indices_are_checked_one_based() {
    let a = Logits::new(vec![1.0, 2.0]).unwrap();
    assert_eq!(a.index("i", 1).unwrap(), 0);
    assert!(matches!(a.index("j", 0), Err(Error::IndexOutOfRange { name: "j", index: 0, n: 2 })));
    assert!(matches!(a.index("i", 3), Err(Error::IndexOutOfRange { .. })));
}

#[test]
fn error_messages_name_the_problem() {
    let msg = Logits::new(vec![0.0, f64::NAN]).unwrap_err().to_string();
    assert!(msg.contains("a_2 is NaN"), "{msg}");
}

#[test]
fn extreme_but_valid_inputs_never_panic() {
    let extremes = [f64::MAX, -f64::MAX, f64::MIN_POSITIVE, 5e-324, 0.0, -0.0, 1e308, f64::NEG_INFINITY];
    for &x in &extremes {
        for &y in &extremes {
            let Ok(a) = Logits::new(vec![x, y, 0.5]) else {
                continue;
            };
            let _ = dsoftmax::softmax::softmax(&a);
            let _ = dsoftmax::reference::exact::jacobian(&a);
            for m in dsoftmax::reference::Method::ALL {
                let _ = m.jacobian(&a);
            }
        }
    }
}
